// Timings for BENCHMARKS.md: how long ordinary serve's page takes to show
// a long Word document dropped on it, and to show pasted text again after
// a key is pressed. Run with a release build:
//   ordinary serve --no-open --no-config   (prints the address)
//   ORDINARY_URL=… DOCUMENT=long.docx TEXT=some.txt node tests/browser/bench.js
// (without DOCUMENT, only the pasted text is timed).
// COPIES=1,5,26 (the default) sets how many copies of TEXT are pasted.
"use strict";

const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const RUNS = Number(process.env.RUNS || 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

async function checked(page, after) {
  await page.waitForFunction((after) => Number(document.querySelector("#results").dataset.checked || 0) > after, after);
  return Number(await page.$eval("#results", (n) => n.dataset.checked));
}

(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(process.env.ORDINARY_URL);

  // A Word document chosen: from the choice to its marks and findings shown.
  let done = 0;
  if (process.env.DOCUMENT) {
    // Each run on a fresh page: the page keeps what it showed, and the same
    // document chosen again would be shown from that.
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(process.env.ORDINARY_URL);
      await page.waitForFunction(() => document.querySelector("#kind"));
      const started = Date.now();
      await page.setInputFiles("#file", process.env.DOCUMENT);
      await checked(page, 0);
      times.push(Date.now() - started);
    }
    const marks = await page.$$eval("#view a.hl", (n) => n.length);
    await page.goto(process.env.ORDINARY_URL);
    console.log(`${path.basename(process.env.DOCUMENT)}: shown in ${median(times)} ms (median of ${RUNS}; ${range(times)}), ${marks} marks`);
  }

  // Pasted text: one more key pressed, then the page shows the text
  // checked again (the page waits 250 ms after the last key first). The
  // text is put in the box as a paste does (its value set, then one input
  // event): Playwright's fill of 20,000 words times out.
  const text = fs.readFileSync(process.env.TEXT, "utf8");
  const paste = (value) =>
    page.evaluate((value) => {
      const box = document.querySelector("#text");
      box.value = value;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
  // The longest stretch the page is busy (a long task: its script, then
  // the browser's layout of what it changed), when a key pressed would wait.
  await page.evaluate(() => {
    window.busy = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.busy.push(e.duration))).observe({
      type: "longtask",
    });
  });
  const busiest = () =>
    page.evaluate(() => {
      const most = Math.max(0, ...window.busy);
      window.busy = [];
      return Math.round(most);
    });
  const copies = (process.env.COPIES || "1,5,26").split(",").map(Number);
  for (const n of copies) {
    const long = Array(n).fill(text).join("\n\n");
    await paste(long);
    done = await checked(page, done);
    const words = long.split(/\s+/).filter(Boolean).length;
    const findings = await page.$$eval("#view a.hl", (nodes) => nodes.length);
    for (const [where, position] of [["at the end", long.length], ["in the middle", Math.floor(long.length / 2)]]) {
      const after = [];
      const render = [];
      const busy = [];
      for (let run = 0; run < RUNS; run++) {
        await busiest();
        await page.focus("#text");
        await page.evaluate((at) => document.querySelector("#text").setSelectionRange(at, at), position);
        const started = Date.now();
        // A new word: "x " at the end, or a letter inside a word in the middle.
        await page.keyboard.type(where === "at the end" ? " x" : "x");
        done = await checked(page, done);
        after.push(Date.now() - started);
        render.push(Number(await page.$eval("#results", (n) => n.dataset.renderMs)));
        // The frame after it is drawn, so its layout is counted.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
        busy.push(await busiest());
        await page.waitForTimeout(300);
      }
      console.log(
        `pasted text of ${words} words (${findings} marks), a key ${where}: shown again ${median(after)} ms after it ` +
          `(median of ${RUNS}; ${range(after)}; 250 ms of it the pause the page waits for), ` +
          `the page's script ${median(render)} ms (${range(render)}), ` +
          (Math.max(...busy) === 0
            ? "no task of 50 ms or more"
            : `its longest task ${median(busy)} ms (${range(busy)})`),
      );
    }
  }
  await browser.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
