// The serve page: plain JavaScript, no build step. Everything from a text is put into the
// page as text (textContent, input values), never as HTML; card previews are the deck's
// own HTML in sandboxed frames.
"use strict";

// ``previewing`` counts preview requests: only the latest one's answer is shown.
const state = { workspace: null, deck: "", terms: [], previewed: null, previewing: 0 };
const $ = (selector) => document.querySelector(selector);

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function showError(message) {
  const box = $("#error");
  box.textContent = message;
  box.hidden = !message;
}

function token() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Runs a request while showing how far the server has got with it (polling its progress).
// The bar shows once a request has taken a moment, and stays while any request runs.
let running = 0;

async function withProgress(label, send) {
  const id = token();
  const bar = $("#progress-bar"), text = $("#progress-text");
  let done = false;
  running += 1;
  const poll = async () => {
    while (!done) {
      await new Promise((wake) => setTimeout(wake, 300));
      if (done) break;
      try {
        const p = await (await fetch(`/api/progress/${id}`)).json();
        if (done) break;
        $("#progress").hidden = false;
        if (p.total > 0) { bar.max = p.total; bar.value = p.done; } else bar.removeAttribute("value");
        text.textContent = `${label}: ${p.stage} ${p.total ? `${p.done}/${p.total}` : ""}`;
      } catch (error) { /* the next poll will tell */ }
    }
  };
  poll();
  try {
    return await send(id);
  } finally {
    done = true;
    running -= 1;
    if (!running) $("#progress").hidden = true;
  }
}

// The server's answer, or its one-line message shown on the page (and thrown).
async function checked(response) {
  if (response.ok) return response;
  let message = `the server answered ${response.status}`;
  try { message = (await response.json()).error || message; } catch (error) { /* not JSON */ }
  showError(message);
  throw new Error(message);
}

async function postJSON(path, body) {
  return checked(await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  }));
}

function ticked() {
  return state.terms.filter((t) => t.ticked).map((t) => t.row);
}

function cardKinds() {
  return Array.from(document.querySelectorAll("#cards input:checked"), (box) => box.value);
}

// --- opening a text ---------------------------------------------------------------

async function openText(event) {
  event.preventDefault();
  showError("");
  const form = new FormData();
  form.append("text", $("#paste-text").value);
  form.append("name", $("#paste-name").value);
  for (const [field, input] of [["source", "#source-file"], ["translation", "#translation-file"],
    ["terms", "#terms-file"]]) {
    if ($(input).files.length) form.append(field, $(input).files[0]);
  }
  for (const file of $("#recipe-files").files) form.append("recipe", file);
  $("#open-button").disabled = true;
  try {
    const opened = await withProgress("Opening", async (id) =>
      (await checked(await fetch(`/api/open?progress=${id}`, { method: "POST", body: form }))).json());
    show(opened);
  } catch (error) {
    /* shown already */
  } finally {
    $("#open-button").disabled = false;
  }
}

function show(opened) {
  state.workspace = opened.workspace;
  state.deck = opened.deck;
  state.terms = opened.terms.map((row) => ({ row, found: { ...row }, ticked: true }));
  $("#deck-name").textContent = opened.deck;
  for (const box of document.querySelectorAll("#cards input")) {
    box.checked = opened.cards.includes(box.value);
  }
  $("#explain-pane").hidden = true;
  $("#add-term").hidden = true;
  $("#more-terms").disabled = false;
  $("#more-terms").textContent = "More terms, below the cut";
  showPairs(opened.pairs);
  showTerms();
  $("#work").hidden = false;
  if (state.terms.length) preview(state.terms[0].row.term);
}

function showPairs(pairs) {
  const rows = [];
  const sources = new Set(pairs.map((p) => p.source));
  let source = null;
  for (const p of pairs) {
    // A recipe's texts one after another, each under its name.
    if (sources.size > 1 && p.source !== source) {
      source = p.source;
      rows.push(element("tr", { className: "source" },
        element("th", { colSpan: 2 }, source)));
    }
    rows.push(element("tr", { className: p.byline ? "byline" : "" },
      element("td", { className: "zh", lang: "zh" }, p.zh),
      element("td", { className: "en", lang: "en" }, p.en)));
  }
  $("#pairs tbody").replaceChildren(...rows);
  $("#pair-count").textContent = `(${pairs.length})`;
}

// --- the term list ----------------------------------------------------------------

const SOURCES = { parallel: "the text's English", dictionary: "CC-CEDICT",
  compositional: "its parts", teacher: "you", none: "" };

function termRow(entry) {
  const { row } = entry;
  const tick = element("input", { type: "checkbox", className: "tick", checked: entry.ticked,
    title: "make a card of this term" });
  const tr = element("tr", { className: entry.ticked ? "" : "unticked" });
  tr.dataset.term = row.term;
  tick.addEventListener("change", () => {
    entry.ticked = tick.checked;
    tr.className = entry.ticked ? "" : "unticked";
    countTerms();
  });
  const edit = (field, className) => {
    const input = element("input", { className, value: row[field], lang: "zh" });
    input.addEventListener("change", () => {
      // An emptied cell means "flashgen's own", as an empty cell of the TSV does.
      if (!input.value.trim()) input.value = entry.found[field];
      row[field] = input.value.trim();
      input.classList.toggle("edited", row[field] !== entry.found[field]);
      if (state.previewed === row.term) preview(row.term);
    });
    return input;
  };
  const name = element("button", { type: "button", className: "preview", lang: "zh",
    title: "preview its cards" }, row.term);
  name.addEventListener("click", () => preview(row.term));
  const why = element("button", { type: "button", className: "explain", title: "why this term" }, "?");
  why.addEventListener("click", () => explain(row.term));
  const level = row.hsk === "7" ? "7-9" : row.hsk;
  tr.append(
    element("td", {}, tick),
    element("td", { className: "term" }, name),
    element("td", {}, edit("pinyin", "pinyin")),
    element("td", {}, edit("gloss", "gloss")),
    element("td", { className: "source" }, SOURCES[row.gloss_source] ?? row.gloss_source),
    element("td", { className: "hsk" }, level),
    element("td", { className: "why" }, row.why, " ", why),
  );
  return tr;
}

function showTerms() {
  $("#terms tbody").replaceChildren(...state.terms.map(termRow));
  countTerms();
}

function countTerms() {
  $("#term-count").textContent = `(${ticked().length} of ${state.terms.length} ticked)`;
}

async function explain(term) {
  showError("");
  try {
    const url = `/api/${state.workspace}/explain?term=${encodeURIComponent(term)}`;
    const answer = await (await checked(await fetch(url))).json();
    $("#explain-term").textContent = term;
    $("#explain").textContent = answer.lines.join("\n");
    $("#explain-pane").hidden = false;
  } catch (error) { /* shown already */ }
}

// The next terms the filters keep, below the list, to tick.
async function moreTerms() {
  showError("");
  const button = $("#more-terms");
  button.disabled = true;
  let exhausted = false;
  try {
    const answer = await withProgress("Finding more terms", async (id) =>
      (await postJSON(`/api/${state.workspace}/more?progress=${id}`,
        { terms: state.terms.map((t) => t.row.term) })).json());
    for (const row of answer.terms) state.terms.push({ row, found: { ...row }, ticked: false });
    showTerms();
    exhausted = !answer.terms.length;
    if (exhausted) button.textContent = "No more terms pass the filters";
  } catch (error) {
    /* shown already */
  } finally {
    button.disabled = exhausted;
  }
}

// Selecting Chinese in a sentence offers to add it as a term.
function offerSelection() {
  const button = $("#add-term");
  const selection = window.getSelection();
  const text = selection.toString().trim();
  const cell = selection.anchorNode && selection.anchorNode.parentElement
    && selection.anchorNode.parentElement.closest("#pairs td.zh");
  if (!text || !cell || text.length > 20 || /[\s，。、；：？！]/.test(text)) {
    button.hidden = true;
    return;
  }
  const box = selection.getRangeAt(0).getBoundingClientRect();
  const pane = $("#pairs-pane").getBoundingClientRect();
  button.textContent = `Add “${text}” as a term`;
  button.dataset.text = text;
  button.style.left = `${box.left - pane.left}px`;
  button.style.top = `${box.bottom - pane.top + $("#pairs-pane").scrollTop + 4}px`;
  button.hidden = false;
}

async function addTerm() {
  const button = $("#add-term");
  const text = button.dataset.text;
  button.hidden = true;
  showError("");
  const known = state.terms.find((t) => t.row.term === text);
  if (known) {
    known.ticked = true;
  } else {
    try {
      const row = await (await postJSON(`/api/${state.workspace}/term`, { text })).json();
      state.terms.push({ row, found: { ...row }, ticked: true });
    } catch (error) { return; }
  }
  showTerms();
  preview(text);
}

// --- previews and downloads -------------------------------------------------------

function frame(page, label) {
  const iframe = element("iframe", { className: "card-frame", title: label });
  iframe.setAttribute("sandbox", "");
  iframe.srcdoc = page;
  return element("div", {}, element("div", { className: "label" }, label), iframe);
}

async function preview(term) {
  showError("");
  state.previewed = term;
  for (const tr of document.querySelectorAll("#terms tbody tr")) {
    tr.classList.toggle("previewed", tr.dataset.term === term);
  }
  const ticket = ++state.previewing;
  const pane = $("#previews");
  pane.setAttribute("aria-busy", "true");
  try {
    const shown = await withProgress("Preview", async (id) =>
      (await postJSON(`/api/${state.workspace}/preview?progress=${id}`,
        { rows: ticked(), term, cards: cardKinds() })).json());
    if (ticket !== state.previewing) return;
    $("#preview-term").textContent = term;
    pane.replaceChildren(...shown.cards.map((card) => {
      const box = element("div", { className: "card-preview" },
        element("h3", {}, `${card.notetype.replace("flashgen ", "")} · ${card.card}`),
        element("div", { className: "sides" },
          frame(card.front_day, "front, day"), frame(card.back_day, "back, day"),
          frame(card.front_night, "front, night"), frame(card.back_night, "back, night")));
      box.dataset.card = card.card;
      return box;
    }));
  } catch (error) {
    /* shown already */
  } finally {
    if (ticket === state.previewing) pane.setAttribute("aria-busy", "false");
  }
}

function fileName(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const match = header.match(/filename\*=UTF-8''([^;]+)/);
  return match ? decodeURIComponent(match[1]) : fallback;
}

async function download(kind) {
  showError("");
  const buttons = document.querySelectorAll("#downloads button");
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const response = await withProgress(`Building ${kind}`, async (id) =>
      postJSON(`/api/${state.workspace}/download/${kind}?progress=${id}`,
        { rows: ticked(), cards: cardKinds() }));
    const url = URL.createObjectURL(await response.blob());
    const link = element("a", { href: url, download: fileName(response, `deck.${kind}`) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (error) {
    /* shown already */
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("#open-form").addEventListener("submit", openText);
  $("#pairs").addEventListener("mouseup", () => setTimeout(offerSelection, 0));
  $("#add-term").addEventListener("click", addTerm);
  $("#more-terms").addEventListener("click", moreTerms);
  for (const button of document.querySelectorAll("#downloads button")) {
    button.addEventListener("click", () => download(button.dataset.kind));
  }
  for (const box of document.querySelectorAll("#cards input")) {
    box.addEventListener("change", () => { if (state.previewed) preview(state.previewed); });
  }
});
