// Timings for BENCHMARKS.md: how long ordinary serve's page takes to show
// a long Word document dropped on it, and to show pasted text again after
// a key is pressed. Run with a release build:
//   ordinary serve --no-open --no-config   (prints the address)
//   ORDINARY_URL=… DOCUMENT=long.docx TEXT=some.txt node tests/browser/bench.js
"use strict";

const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const RUNS = Number(process.env.RUNS || 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.min(...xs)}–${Math.max(...xs)}`;

async function checked(page, after) {
  await page.waitForFunction((after) => Number(document.querySelector("#results").dataset.checked || 0) > after, after);
  return Number(await page.$eval("#results", (n) => n.dataset.checked));
}

(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(process.env.ORDINARY_URL);

  // A Word document chosen: from the choice to its marks and findings shown.
  const times = [];
  let done = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = Date.now();
    await page.setInputFiles("#file", process.env.DOCUMENT);
    done = await checked(page, done);
    times.push(Date.now() - started);
    await page.setInputFiles("#file", []);
  }
  const marks = await page.$$eval("#view a.hl", (n) => n.length);
  console.log(`${path.basename(process.env.DOCUMENT)}: shown in ${median(times)} ms (median of ${RUNS}; ${range(times)}), ${marks} marks`);

  // Pasted text: one more key pressed at the end, then the page shows the
  // text checked again (the page waits 250 ms after the last key first).
  const text = fs.readFileSync(process.env.TEXT, "utf8");
  // 25 copies (20,000 words) timed out in page.fill: not measured yet.
  for (const copies of [1, 5]) {
    const long = Array(copies).fill(text).join("\n\n");
    await page.fill("#text", long);
    done = await checked(page, done);
    const after = [];
    for (let run = 0; run < RUNS; run++) {
      await page.focus("#text");
      await page.keyboard.press("End");
      const started = Date.now();
      await page.keyboard.type("x");
      done = await checked(page, done);
      after.push(Date.now() - started);
    }
    const words = long.split(/\s+/).length;
    console.log(`pasted text of ${words} words: shown again ${median(after)} ms after a key (median of ${RUNS}; ${range(after)}; 250 ms of it the pause the page waits for)`);
  }
  await browser.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
