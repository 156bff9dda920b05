// ordinary serve's page: plain JavaScript, no build step, nothing from the
// internet. Every word about a finding (its message, why, suggestions and
// edits) comes from ordinary itself; this file only shows them. The page's
// address holds the server's token, so every request here is relative.
"use strict";

const SEVERITIES = [
  ["error", "Must change"],
  ["warning", "Should change"],
  ["info", "Worth a look"],
];
const SEVERITY_WORDS = Object.fromEntries(SEVERITIES);
const RECHECK_AFTER_MS = 250;

const state = {
  // What is being checked: {kind: "file", file, name} for a Word document,
  // {kind: "text", name} for text (the text is in the text box).
  subject: null,
  result: null,
  categories: {},
  dismissed: new Set(),
  // What the view and the list show, unit by unit and card by card, with
  // their keys: what a re-check compares against.
  units: [],
  cards: [],
  // Each check gets a number; an answer to an older one is dropped.
  sequence: 0,
  timer: null,
  // The choices (the words for each kind of word) loaded.
  ready: null,
};

const $ = (id) => document.getElementById(id);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child);
  }
  return node;
}

function query(extra = {}) {
  const params = new URLSearchParams();
  params.set("name", state.subject.name);
  if ($("kind").value) params.set("kind", $("kind").value);
  if ($("audience").value) params.set("audience", $("audience").value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

function body() {
  return state.subject.kind === "file" ? state.subject.file : $("text").value;
}

function setStatus(message) {
  $("status").textContent = message;
}

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}

async function answer(response) {
  const type = response.headers.get("Content-Type") || "";
  if (type.startsWith("application/json")) {
    const value = await response.json();
    if (!response.ok) throw new Error(value.error || `The server said ${response.status}.`);
    return value;
  }
  if (!response.ok) throw new Error((await response.text()).trim());
  return response;
}

async function check() {
  if (!state.subject) return;
  const sequence = ++state.sequence;
  setStatus(`Checking ${state.subject.name}…`);
  let result;
  try {
    const response = await fetch(`api/check?${query()}`, { method: "POST", body: body() });
    result = await answer(response);
  } catch (error) {
    if (sequence !== state.sequence) return;
    showError(error.message);
    setStatus("");
    $("results").hidden = true;
    $("downloads").hidden = true;
    return;
  }
  await state.ready;
  if (sequence !== state.sequence) return;
  showError("");
  state.result = result;
  if (state.subject.kind === "file" && !state.subject.checked) {
    // A new document: the kind and audience it gives itself (Markdown
    // front matter) become the page's choice.
    if (result.stated.kind) $("kind").value = result.stated.kind;
    if (result.stated.audience) $("audience").value = result.stated.audience;
    state.subject.checked = true;
  }
  if (result.text !== null && state.subject.kind === "file") {
    // A text or Markdown file: its text goes into the box, to be changed
    // there, and is saved as the file was written (its byte order mark
    // and line endings).
    $("text").value = result.text;
    state.subject = { kind: "text", name: state.subject.name, written: result.written };
  }
  show(result);
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// The findings listed: the first use of each phrase (later uses of the same
// words are grouped under it, as the command line groups them).
function firstUses(result) {
  return result.findings.filter((finding, index) => cardOf(result, index) === index);
}

function show(result) {
  const started = performance.now();
  const firsts = firstUses(result);
  const more = result.findings.length - firsts.length;
  const bySeverity = (severity) => firsts.filter((f) => f.severity === severity).length;
  setStatus(
    firsts.length === 0
      ? `Nothing to change in ${result.name}: it reads plainly.`
      : `${result.name}: ${plural(firsts.length, "phrase", "phrases")} to look at ` +
          `(${bySeverity("error")} must change, ${bySeverity("warning")} should change, ` +
          `${bySeverity("info")} worth a look)` +
          (more ? `, and ${plural(more, "more use", "more uses")} of the same words, listed under the first.` : "."),
  );
  const notes = $("notes");
  notes.replaceChildren(...result.notes.map((note) => element("li", { text: `Note: this document ${note}` })));
  notes.hidden = result.notes.length === 0;
  $("downloads").hidden = result.format !== "docx";
  $("text-download").hidden = result.format === "docx";
  $("results").hidden = false;
  showReading(result.reading);
  renderFilters(result);
  renderDocument(result);
  renderList(result);
  applyFilters();
  // Which check the page shows, and how long showing it took, for tests
  // and timings to wait on.
  $("results").dataset.renderMs = String(Math.round(performance.now() - started));
  $("results").dataset.checked = String(state.sequence);
}

// How the document reads, above the findings: the heading and words come
// from ordinary (the words every front end gives the summary in).
function showReading(reading) {
  $("reading-heading").textContent = reading.heading;
  $("reading-text").textContent = reading.text;
  $("reading-caveat").textContent = reading.caveat;
}

// The document, as written: headings, lists, tables, quotes and notes,
// with marks. The structure comes from ordinary (each block's role, level,
// table cell and formatting); this only builds the elements for it.
//
// Re-checking pasted text as it is typed must keep up with a long text, so
// the view is built in units (a paragraph, a heading, a whole list or
// table, a quote, a part such as the footnotes), each with a key made of
// everything it shows. Only the units whose key changed are built again;
// the others stay on the page untouched, and the browser lays out only
// what changed. Their marks are renumbered, as findings before them may
// have come or gone.
function renderDocument(result) {
  const view = $("view");
  const byBlock = new Map();
  result.findings.forEach((finding, index) => {
    if (!byBlock.has(finding.block)) byBlock.set(finding.block, []);
    byBlock.get(finding.block).push(index);
  });
  const fresh = planUnits(result, byBlock);
  const old = state.units.filter((unit) => unit.node.parentNode === view);
  const { tail } = reconcile(view, old, fresh, (unit) => buildUnit(result, unit, byBlock));
  for (const unit of fresh.slice(fresh.length - tail)) renumberMarks(result, unit);
  state.units = fresh;
}

// The findings of a block that get a mark, in the order of their marks on
// the page. A phrase's mark never overlaps another phrase's: a finding on
// words already marked is listed but not marked. A stretch (a long
// sentence or paragraph) is drawn around the phrases inside it, with its
// mark at its start; one that cuts through a phrase's mark, or overlaps
// another stretch, is listed but not marked.
function markedIn(result, indices) {
  const phrases = [];
  let at = 0;
  for (const index of indices) {
    const finding = result.findings[index];
    if (finding.stretch || finding.start < at || finding.end <= finding.start) continue;
    phrases.push({ index, start: finding.start, end: finding.end });
    at = finding.end;
  }
  const stretches = [];
  at = 0;
  for (const index of indices) {
    const finding = result.findings[index];
    if (!finding.stretch || finding.start < at || finding.end <= finding.start) continue;
    const cuts = phrases.some(
      (p) => (p.start < finding.start && p.end > finding.start) || (p.start < finding.end && p.end > finding.end),
    );
    if (cuts) continue;
    stretches.push({ index, start: finding.start, end: finding.end, stretch: true });
    at = finding.end;
  }
  // A stretch's mark comes before the phrases inside it.
  return [...stretches, ...phrases].sort((a, b) => a.start - b.start || (b.stretch ? 1 : 0) - (a.stretch ? 1 : 0));
}

// The view's units, in order, each with its blocks, its marks and its key.
function planUnits(result, byBlock) {
  const units = [];
  const parts = new Map();
  let open = null;
  const group = (block) => {
    if (block.quote) return "quote";
    if (block.cell) return `table ${block.cell[0]}`;
    if (block.role === "list-item") return block.ordinal === undefined ? "ul" : "ol";
    return null;
  };
  result.blocks.forEach((block, index) => {
    let unit;
    if (block.part !== "body") {
      unit = parts.get(block.part);
      if (!unit) {
        unit = { part: block.part, blocks: [] };
        parts.set(block.part, unit);
        units.push(unit);
      }
      open = null;
    } else {
      const kind = group(block);
      if (kind && open && open.group === kind) unit = open;
      else {
        unit = { part: "body", group: kind, blocks: [] };
        units.push(unit);
      }
      open = kind ? unit : null;
    }
    unit.blocks.push(index);
  });
  for (const unit of units) {
    unit.marks = [];
    const shown = unit.blocks.map((index) => {
      const block = result.blocks[index];
      const marks = markedIn(result, byBlock.get(index) || []);
      unit.marks.push(...marks.map((m) => m.index));
      const { byte_start, byte_end, ...look } = block;
      return [look, marks.map((m) => [m.start, m.end, result.findings[m.index].severity, !!m.stretch])];
    });
    unit.key = JSON.stringify([unit.part, shown]);
  }
  return units;
}

const PART_TITLES = {
  header: "Headers",
  footer: "Footers",
  footnote: "Footnotes",
  endnote: "Endnotes",
  comment: "Comments",
};

// One unit's element: a part, a quote, or the one element its blocks make.
function buildUnit(result, unit, byBlock) {
  const blocks = unit.blocks.map((index) => [result.blocks[index], index]);
  if (unit.part !== "body") {
    const part = element("div", { class: "part" }, element("h3", { text: PART_TITLES[unit.part] || unit.part }));
    buildBlocks(result, blocks, byBlock, part);
    return part;
  }
  if (unit.group === "quote") {
    const quote = element("blockquote");
    buildBlocks(result, blocks, byBlock, quote);
    return quote;
  }
  const holder = document.createDocumentFragment();
  buildBlocks(result, blocks, byBlock, holder);
  return holder.firstChild;
}

function buildBlocks(result, blocks, byBlock, container) {
  let list = null;
  let table = null;
  for (const [block, index] of blocks) {
    const content = marked(result, block, byBlock.get(index) || []);
    if (block.role !== "list-item") list = null;
    if (!block.cell) table = null;
    if (block.cell) {
      const [number, row, column] = block.cell;
      if (!table || table.number !== number) {
        table = { number, node: element("table"), rows: new Map(), cells: new Map() };
        container.append(table.node);
      }
      if (!table.rows.has(row)) {
        const tr = element("tr");
        table.rows.set(row, tr);
        table.node.append(tr);
      }
      const key = `${row}.${column}`;
      if (!table.cells.has(key)) {
        const cell = block.header ? element("th", { scope: "col" }) : element("td");
        table.cells.set(key, cell);
        table.rows.get(row).append(cell);
      }
      table.cells.get(key).append(element("p", {}, ...content));
    } else if (block.role === "heading") {
      const level = Math.min(6, (block.level || 1) + 2);
      container.append(element(`h${level}`, {}, ...content));
    } else if (block.role === "list-item") {
      const ordered = block.ordinal !== undefined;
      if (block.continued && list && list.node.lastElementChild) {
        list.node.lastElementChild.append(element("p", {}, ...content));
        continue;
      }
      if (!list || list.ordered !== ordered) {
        list = { ordered, node: element(ordered ? "ol" : "ul") };
        container.append(list.node);
      }
      list.node.append(
        element("li", { class: `level-${Math.min(block.level || 0, 3)}`, value: ordered ? block.ordinal : null }, ...content),
      );
    } else if (block.role === "text") {
      container.append(element("p", { class: "text-block" }, ...content));
    } else if (block.role === "code") {
      container.append(element("pre", {}, ...content));
    } else if (block.role === "rule") {
      container.append(element("hr"));
    } else {
      const place = block.part !== "body" && block.place ? element("span", { class: "place", text: `${block.place}:` }) : null;
      container.append(element("p", {}, place, ...content));
    }
  }
}

// A unit kept from the last check: its marks get the findings' new numbers.
function renumberMarks(result, unit) {
  const nodes = unit.node.querySelectorAll("a.hl");
  unit.marks.forEach((index, n) => {
    const node = nodes[n];
    const href = `#finding-${cardOf(result, index)}`;
    if (!node || (node.dataset.index === String(index) && node.getAttribute("href") === href)) return;
    node.id = `mark-${index}`;
    node.dataset.index = String(index);
    node.setAttribute("href", href);
  });
}

// The elements for each formatting style ordinary gives, outermost first.
const STYLE_TAGS = [
  ["link", "span", "md-link"],
  ["image", "span", "md-image"],
  ["strong", "strong"],
  ["emphasis", "em"],
  ["strikethrough", "s"],
  ["superscript", "sup"],
  ["subscript", "sub"],
  ["code", "code"],
];

// Text with the styles of the runs that cover it.
function styled(text, runs) {
  let node = document.createTextNode(text);
  for (let n = STYLE_TAGS.length - 1; n >= 0; n--) {
    const [style, tag, cls] = STYLE_TAGS[n];
    if (runs.some((run) => run.style === style)) node = element(tag, { class: cls }, node);
  }
  return node;
}

// A block's text with its formatting and its findings marked. A phrase's
// mark holds the formatted text it covers, so it is one element whatever
// the formatting inside it; a stretch's is a span around its text, led by
// a mark of its own.
function marked(result, block, indices) {
  const text = block.text;
  const runs = block.runs || [];
  const marks = markedIn(result, indices);
  if (!runs.length && !marks.length) return [text];
  const phrases = marks.filter((m) => !m.stretch);
  const nodes = [];
  let at = 0;
  for (const stretch of marks.filter((m) => m.stretch)) {
    nodes.push(...plainMarked(result, text, runs, phrases, at, stretch.start));
    nodes.push(
      element(
        "span",
        { class: `stretch stretch-${result.findings[stretch.index].severity}` },
        markElement(result, stretch.index, true),
        ...plainMarked(result, text, runs, phrases, stretch.start, stretch.end),
      ),
    );
    at = stretch.end;
  }
  nodes.push(...plainMarked(result, text, runs, phrases, at, text.length));
  return nodes;
}

// The text from `start` to `end` with its formatting and its phrases marked.
function plainMarked(result, text, runs, phrases, start, end) {
  const cuts = new Set([start, end]);
  for (const item of [...runs, ...phrases]) {
    for (const n of [item.start, item.end]) if (n > start && n < end) cuts.add(n);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  let mark = null;
  let next = 0;
  for (let n = 0; n + 1 < points.length; n++) {
    const [from, to] = [points[n], points[n + 1]];
    while (next < phrases.length && phrases[next].end <= from) next++;
    const inside = next < phrases.length && phrases[next].start <= from ? phrases[next] : null;
    const piece = styled(
      text.slice(from, to),
      runs.filter((run) => run.start <= from && run.end >= to),
    );
    if (!inside) {
      mark = null;
      nodes.push(piece);
    } else {
      if (!mark || mark.dataset.index !== String(inside.index)) {
        mark = markElement(result, inside.index, false);
        nodes.push(mark);
      }
      mark.append(piece);
    }
  }
  return nodes;
}

// A mark; selecting it opens its finding (one listener on the view, so a
// mark kept from an earlier check needs only its number changed).
function markElement(result, index, stretch) {
  const finding = result.findings[index];
  const words = SEVERITY_WORDS[finding.severity];
  return element(
    "a",
    {
      class: `hl hl-${finding.severity}${stretch ? " flag" : ""}`,
      id: `mark-${index}`,
      href: `#finding-${cardOf(result, index)}`,
      "data-index": index,
    },
    element("span", { class: "sr-only", text: `${words}: ` }),
  );
}

// A repeat is shown on the card of the first use, as the command line does.
function cardOf(result, index) {
  const first = result.findings[index].first;
  return first === null || first === undefined ? index : first;
}

function placeOf(result, finding) {
  if (finding.location) return finding.location.description;
  return `line ${finding.line}`;
}

// The later uses of each phrase, by the index of its first.
function repeatsOf(result) {
  const repeats = new Map();
  result.findings.forEach((finding, index) => {
    const first = cardOf(result, index);
    if (first === index) return;
    if (!repeats.has(first)) repeats.set(first, []);
    repeats.get(first).push(index);
  });
  return repeats;
}

// The list of what to look at, one card per phrase, kept card by card as
// the document's units are: a card whose words are unchanged stays, with
// its number and places brought up to date.
function renderList(result) {
  const list = $("list");
  const repeats = repeatsOf(result);
  const fresh = [];
  result.findings.forEach((finding, index) => {
    if (cardOf(result, index) !== index) return;
    const again = repeats.get(index) || [];
    const key = JSON.stringify([
      result.format === "docx",
      finding.severity,
      finding.category,
      finding.rule,
      finding.matched,
      finding.message,
      finding.why,
      finding.suggestions,
      finding.edits.length,
      again.length,
    ]);
    fresh.push({ key, index, again });
  });
  const old = state.cards.filter((c) => c.node.parentNode === list);
  const { head, tail } = reconcile(list, old, fresh, (c) =>
    card(result, result.findings[c.index], c.index, c.again),
  );
  for (const c of [...fresh.slice(0, head), ...fresh.slice(fresh.length - tail)]) renumberCard(result, c);
  state.cards = fresh;
}

// Puts `fresh` (items with a `key`) in `container` where `old` (the items
// shown, each with its `node`) was: the items whose keys are unchanged at
// the start and the end keep their nodes, and only those between are built
// again with `build`, so typing in one paragraph redraws that paragraph
// (and keeps the reader's place). Anything else in the container goes.
// Returns how many items were kept at each end.
function reconcile(container, old, fresh, build) {
  let head = 0;
  while (head < old.length && head < fresh.length && old[head].key === fresh[head].key) head++;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < fresh.length - head &&
    old[old.length - 1 - tail].key === fresh[fresh.length - 1 - tail].key
  ) {
    tail++;
  }
  for (let n = 0; n < head; n++) fresh[n].node = old[n].node;
  for (let n = 1; n <= tail; n++) fresh[fresh.length - n].node = old[old.length - n].node;
  for (const item of old.slice(head, old.length - tail)) item.node.remove();
  for (const node of [...container.childNodes]) {
    if (!old.some((item) => item.node === node)) node.remove();
  }
  const built = document.createDocumentFragment();
  for (const item of fresh.slice(head, fresh.length - tail)) {
    item.node = build(item);
    built.append(item.node);
  }
  container.insertBefore(built, tail ? fresh[fresh.length - tail].node : null);
  return { head, tail };
}

function setText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

// A card kept from the last check: its finding's number and places now.
function renumberCard(result, c) {
  const node = c.node;
  if (node.dataset.index !== String(c.index)) {
    node.id = `finding-${c.index}`;
    node.dataset.index = String(c.index);
  }
  setText(node.querySelector(".place-words"), placeOf(result, result.findings[c.index]));
  node.querySelectorAll(".repeats button").forEach((button, n) => {
    const place = placeOf(result, result.findings[c.again[n]]);
    setText(button, place);
    if (button.getAttribute("aria-label") !== `${place}: show this use`) {
      button.setAttribute("aria-label", `${place}: show this use`);
    }
  });
}

// One card. Its buttons say what they do in data-action; one listener on
// the list acts on them for the card's finding of the moment.
function card(result, finding, index, repeats) {
  const fittedCount = finding.edits.length;
  const suggestions = finding.suggestions.map((words, n) => {
    const canUse = result.format !== "docx" && n < fittedCount;
    return element(
      "li",
      {},
      `“${words}”`,
      canUse
        ? element("button", {
            type: "button",
            class: "quiet",
            text: "Use this",
            "data-action": "use",
            "data-edit": n,
            "aria-label": `Use this: “${words}” instead of “${finding.matched}”`,
          })
        : null,
    );
  });
  const again = repeats.length
    ? element(
        "p",
        { class: "repeats" },
        `Used ${plural(repeats.length, "more time", "more times")}: `,
        ...repeats.flatMap((r, n) => [
          n ? ", " : "",
          element("button", {
            type: "button",
            class: "quiet",
            text: placeOf(result, result.findings[r]),
            "data-action": "repeat",
            "data-nth": n,
            "aria-label": `${placeOf(result, result.findings[r])}: show this use`,
          }),
        ]),
      )
    : null;
  return element(
    "li",
    {
      id: `finding-${index}`,
      class: `sev-${finding.severity}`,
      tabindex: "-1",
      "data-index": index,
      "data-severity": finding.severity,
      "data-category": finding.category,
      "data-rule": finding.rule,
    },
    element(
      "p",
      { class: "where" },
      element("span", { class: "severity", text: SEVERITY_WORDS[finding.severity] }),
      ` · ${state.categories[finding.category] || finding.category} · `,
      element("span", { class: "place-words", text: placeOf(result, finding) }),
    ),
    element("p", { class: "message", text: finding.message }),
    element("p", { class: "why", text: finding.why }),
    suggestions.length ? element("p", { text: "What to write instead:" }) : null,
    suggestions.length ? element("ul", { class: "suggestions" }, ...suggestions) : null,
    // Why some suggestions have no button: ordinary puts in only words that
    // fit the sentence as it stands.
    result.format !== "docx" && suggestions.length > fittedCount
      ? element("p", {
          class: "hint",
          text: fittedCount
            ? "The others need the sentence changed around them: change it in the box above."
            : "These need the sentence changed around them: change it in the box above.",
        })
      : null,
    again,
    element(
      "p",
      {},
      element("button", {
        type: "button",
        text: "Show in the document",
        "data-action": "show",
        "aria-label": `Show in the document: “${finding.matched}”`,
      }),
      result.format !== "docx"
        ? element("button", {
            type: "button",
            class: "quiet",
            text: "Dismiss",
            "data-action": "dismiss",
            "aria-label": `Dismiss: the note about “${finding.matched}”`,
          })
        : null,
      element("a", { href: `#rule/${encodeURIComponent(finding.rule)}`, text: `More about “${finding.matched}”` }),
    ),
  );
}

// What a card's buttons do, for its finding as the page now numbers it.
function cardAction(event) {
  const button = event.target.closest("button[data-action]");
  const node = button && button.closest("#list > li");
  if (!node || !state.result) return;
  const index = Number(node.dataset.index);
  switch (button.dataset.action) {
    case "use":
      accept(index, Number(button.dataset.edit));
      break;
    case "repeat":
      goToMark(repeatsOf(state.result).get(index)[Number(button.dataset.nth)]);
      break;
    case "show":
      goToMark(index);
      break;
    case "dismiss":
      dismiss(index);
      break;
  }
}

// A mark selected opens its finding; so does a stretch's text, outside
// the phrases marked in it.
function markAction(event) {
  const stretch = event.target.closest(".stretch");
  const mark = event.target.closest("a.hl") || (stretch && stretch.querySelector("a.flag"));
  if (!mark || !state.result) return;
  event.preventDefault();
  goToCard(cardOf(state.result, Number(mark.dataset.index)));
}

function setCurrent(node) {
  document.querySelectorAll(".current").forEach((n) => n.classList.remove("current"));
  if (node) node.classList.add("current");
}

function goToCard(index) {
  const node = $(`finding-${index}`);
  if (!node) return;
  if (node.hidden) resetFilters();
  setCurrent(node);
  node.scrollIntoView({ block: "center" });
  node.focus({ preventScroll: true });
}

function goToMark(index) {
  const node = $(`mark-${index}`);
  if (!node) return;
  setCurrent(node);
  node.scrollIntoView({ block: "center" });
  node.focus({ preventScroll: true });
}

// Filters: by how important, what kind of word, and which phrase. Each
// counts the phrases listed (first uses), as the list below them does.
function renderFilters(result) {
  const live = result.findings.filter((f, index) => cardOf(result, index) === index && !isDismissed(f));
  const count = (key, value) => live.filter((f) => f[key] === value).length;
  const previous = filterState();
  const box = (group, value, words) =>
    element(
      "label",
      {},
      element("input", {
        type: "checkbox",
        "data-group": group,
        value,
        checked: previous ? previous[group].has(value) || !previous.known.has(`${group}:${value}`) : true,
        onchange: applyFilters,
      }),
      ` ${words} (${count(group, value)})`,
    );
  $("severity-filters").replaceChildren(...SEVERITIES.map(([value, words]) => box("severity", value, words)));
  const categories = [...new Set(live.map((f) => f.category))].sort();
  $("category-filters").replaceChildren(...categories.map((c) => box("category", c, state.categories[c] || c)));
  // Each check by the words it found: “service user”, or “ASC”, “MCA” and 3 more.
  const words = new Map();
  for (const finding of live) {
    if (!words.has(finding.rule)) words.set(finding.rule, []);
    const seen = words.get(finding.rule);
    if (!seen.some((w) => w.toLowerCase() === finding.matched.toLowerCase())) seen.push(finding.matched);
  }
  // A long sentence found is cut short: the menu is a list of names.
  const short = (w) => (w.length > 32 ? `${w.slice(0, 30).trimEnd()}…` : w);
  const label = (seen) =>
    seen
      .slice(0, 3)
      .map((w) => `“${short(w)}”`)
      .join(", ") + (seen.length > 3 ? ` and ${seen.length - 3} more` : "");
  const rules = [...words.keys()].sort((a, b) => label(words.get(a)).localeCompare(label(words.get(b))));
  const select = $("rule-filter");
  const chosen = select.value;
  select.replaceChildren(
    element("option", { value: "", text: `Every phrase (${live.length})` }),
    ...rules.map((rule) => element("option", { value: rule, text: `${label(words.get(rule))} (${count("rule", rule)})` })),
  );
  select.value = rules.includes(chosen) ? chosen : "";
}

function filterState() {
  const boxes = document.querySelectorAll(".filters input[type=checkbox]");
  if (!boxes.length) return null;
  const picked = { severity: new Set(), category: new Set(), known: new Set() };
  boxes.forEach((b) => {
    picked.known.add(`${b.dataset.group}:${b.value}`);
    if (b.checked) picked[b.dataset.group].add(b.value);
  });
  return picked;
}

function resetFilters() {
  document.querySelectorAll(".filters input[type=checkbox]").forEach((b) => (b.checked = true));
  $("rule-filter").value = "";
  applyFilters();
}

// A dismissed phrase takes its later uses with it.
function isDismissed(finding) {
  const result = state.result;
  const first = finding.first === null || finding.first === undefined ? finding : result.findings[finding.first];
  return state.dismissed.has(`${first.rule}@${first.byte_start}`);
}

function applyFilters() {
  const result = state.result;
  if (!result) return;
  const picked = filterState();
  const rule = $("rule-filter").value;
  const visible = (finding) =>
    !isDismissed(finding) &&
    picked.severity.has(finding.severity) &&
    picked.category.has(finding.category) &&
    (!rule || finding.rule === rule);
  // Only what changes is touched: the rest of a long document stays as
  // the browser laid it out.
  let shown = 0;
  result.findings.forEach((finding, index) => {
    const on = visible(finding);
    const mark = $(`mark-${index}`);
    if (mark && mark.classList.contains("hidden") === on) {
      mark.classList.toggle("hidden", !on);
      if (mark.classList.contains("flag")) mark.parentElement.classList.toggle("hidden", !on);
      if (on) mark.removeAttribute("tabindex");
      else mark.setAttribute("tabindex", "-1");
      setText(mark.firstChild, on ? `${SEVERITY_WORDS[finding.severity]}: ` : "");
    }
    if (cardOf(result, index) === index) {
      const node = $(`finding-${index}`);
      if (node && node.hidden === on) node.hidden = !on;
      if (on) shown++;
    }
  });
  const cards = result.findings.filter((f, index) => cardOf(result, index) === index && !isDismissed(f)).length;
  $("shown").textContent =
    shown === cards ? `Showing all ${plural(cards, "phrase", "phrases")}.` : `Showing ${shown} of ${plural(cards, "phrase", "phrases")}.`;
}

function dismiss(index) {
  const finding = state.result.findings[index];
  state.dismissed.add(`${finding.rule}@${finding.byte_start}`);
  renderFilters(state.result);
  applyFilters();
  setStatus(`Dismissed the note about “${finding.matched}”.`);
  $("findings-heading").focus();
}

// Puts one suggestion into the text, with ordinary's own edit, and checks again.
async function accept(index, edit) {
  const finding = state.result.findings[index];
  try {
    const response = await fetch(`api/fix?${query({ accept: `${index}.${edit}` })}`, {
      method: "POST",
      body: $("text").value,
    });
    const fixed = await answer(response);
    $("text").value = fixed.text;
    await check();
    setStatus(`Changed “${finding.matched}” to “${finding.suggestions[edit]}”. ${$("status").textContent}`);
    $("findings-heading").focus();
  } catch (error) {
    showError(error.message);
  }
}

async function downloadReview(mode) {
  setStatus("Making the review copy…");
  try {
    const response = await fetch(`api/review?${query({ mode })}`, { method: "POST", body: state.subject.file });
    await answer(response);
    const blob = await response.blob();
    const disposition = response.headers.get("Content-Disposition") || "";
    const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || "review.docx";
    save(blob, name);
    setStatus(`Downloaded ${name}. Open it in Word and use the Review tab to work through it.`);
  } catch (error) {
    showError(error.message);
    setStatus("");
  }
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = element("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The text, saved by ordinary as its file was written (a text box gives
// every line ending as \n, and a byte order mark is not text).
async function downloadText() {
  const subject = state.subject;
  const name = subject && subject.name !== "pasted text.txt" ? subject.name : "my-text.txt";
  const params = new URLSearchParams({ name });
  const written = (subject && subject.written) || {};
  if (written.encoding) params.set("encoding", written.encoding);
  if (written.line_ending) params.set("line_ending", written.line_ending);
  try {
    const response = await fetch(`api/save?${params}`, { method: "POST", body: $("text").value });
    await answer(response);
    save(await response.blob(), name);
    setStatus(`Downloaded ${name}.`);
  } catch (error) {
    showError(error.message);
  }
}

function chooseFile(file) {
  if (!file) return;
  state.dismissed.clear();
  // A new document starts from what it says of itself, else the defaults.
  $("kind").value = "";
  $("audience").value = "";
  state.subject = { kind: "file", file, name: file.name };
  check();
}

function typed() {
  clearTimeout(state.timer);
  if (!state.subject || state.subject.kind !== "text") {
    state.subject = { kind: "text", name: "pasted text.txt" };
  }
  state.timer = setTimeout(check, RECHECK_AFTER_MS);
}

// A rule's page: the text of `ordinary explain`, at #rule/ID.
async function route() {
  const match = location.hash.match(/^#rule\/(.+)$/);
  const page = $("rule-page");
  if (!match) {
    page.hidden = true;
    $("start").hidden = false;
    if (state.result) $("results").hidden = false;
    return;
  }
  const id = decodeURIComponent(match[1]);
  try {
    const rule = await answer(await fetch(`api/rule/${encodeURIComponent(id)}`));
    $("rule-heading").textContent = rule.phrases.length ? `About “${rule.title}”` : `About this check: ${rule.title}`;
    const looksFor = rule.phrases.length > 1 ? rule.phrases.map((p) => element("li", { text: p })) : [];
    $("rule-body").replaceChildren(
      element("p", { class: "kind-of-word", text: `What kind of word: ${rule.category_words}.` }),
      element("p", { text: rule.why }),
      looksFor.length ? element("h3", { text: "The words it looks for" }) : null,
      looksFor.length ? element("ul", {}, ...looksFor) : null,
      element("h3", { text: "What to write instead" }),
      element("ul", {}, ...rule.suggestions.map((s) => element("li", { text: s }))),
      element("h3", { text: "Examples" }),
      element(
        "ul",
        {},
        ...rule.examples.map(([before, after]) =>
          element("li", {}, `“${before}”`, after ? ` becomes “${after}”` : " (rewrite it in your own words)"),
        ),
      ),
      // The command line's words, with its rule id and settings: kept for
      // whoever looks after ordinary, out of the way of everyone else.
      element(
        "details",
        {},
        element("summary", { text: "For whoever set up ordinary: the full entry, as ordinary explain prints it" }),
        element("pre", { text: rule.explanation }),
      ),
    );
    $("start").hidden = true;
    $("results").hidden = true;
    page.hidden = false;
    $("rule-heading").focus();
  } catch (error) {
    showError(error.message);
  }
}

// The words for each kind of word, asked for once; a check waits for them
// before it shows anything.
async function loadChoices() {
  try {
    const choices = await answer(await fetch("api/choices"));
    state.categories = Object.fromEntries(choices.categories);
  } catch (error) {
    showError(error.message);
  }
}

function start() {
  // Listening starts at once: a file chosen or text pasted while the
  // choices are on their way is not lost.
  state.ready = loadChoices();
  $("file").addEventListener("change", (event) => chooseFile(event.target.files[0]));
  const drop = $("drop");
  for (const name of ["dragenter", "dragover"]) {
    drop.addEventListener(name, (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    chooseFile(event.dataTransfer.files[0]);
  });
  $("text").addEventListener("input", typed);
  for (const id of ["kind", "audience"]) $(id).addEventListener("change", check);
  $("rule-filter").addEventListener("change", applyFilters);
  $("view").addEventListener("click", markAction);
  $("list").addEventListener("click", cardAction);
  $("review-comments").addEventListener("click", () => downloadReview("comments"));
  $("review-changes").addEventListener("click", () => downloadReview("changes"));
  $("download-text").addEventListener("click", downloadText);
  $("rule-back").addEventListener("click", () => history.back());
  window.addEventListener("hashchange", route);
  route();
  // Text the browser kept in the box from before a reload is checked too.
  if ($("text").value) typed();
}

start();
