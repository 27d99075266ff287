// @ts-check
/**
 * What checking as you write knows about the document: each paragraph's text by the host's
 * id, and the issues found for each exact text. Pure data and pure steps, so every rule of
 * live checking runs under Node's test runner.
 *
 * Results are kept by the paragraph's exact text, never by its id: an answer can only ever
 * be shown on the text it was found in. An answer for a text the writer has since changed
 * is kept for that text (they may undo back to it) and never shown on the new one; an older
 * answer can never overwrite a newer one, and a fix applied while a check was in flight is
 * never undone by that check's answer. A paragraph whose text has no result yet shows the
 * issues it had, moved by the edit (those the edit touched are dropped), until its own
 * answer comes.
 *
 * @typedef {import('../hosts/host.js').Issue} Issue
 * @typedef {{issues: Issue[], source: 'live'|'improve'}} Result
 * @typedef {{text: string, provisional: Issue[]}} Entry
 * @typedef {{id: string, text: string}} Paragraph
 */
import { shiftIssues } from '../state.js';

/** Results kept for texts no paragraph has now (edited away, deleted): undo finds them. */
const KEPT_RESULTS = 5000;

/** A store for one document. */
export function createStore() {
  return {
    /** @type {string[]} paragraph ids in document order */
    order: [],
    /** @type {Map<string, Entry>} */
    entries: new Map(),
    /** @type {Map<string, Result>} by exact paragraph text, least recently used first */
    results: new Map(),
    /** @type {Set<string>} texts a request is checking now */
    inFlight: new Set(),
    /** @type {Map<string, string>} texts left unchecked on purpose, with why (a note key) */
    skipped: new Map(),
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */

/**
 * Bring the store up to date with the host's paragraphs; answer the ids whose text changed
 * (added ones included). `texts` holds the text of every paragraph the store may not know;
 * an id of `order` missing from it has the text the store has.
 * @param {Store} store @param {string[]} order @param {Map<string, string>} texts
 * @returns {string[]}
 */
export function syncParagraphs(store, order, texts) {
  const changed = [];
  const present = new Set(order);
  for (const id of store.entries.keys()) if (!present.has(id)) store.entries.delete(id);
  for (const id of order) {
    const text = texts.get(id);
    const entry = store.entries.get(id);
    if (text === undefined) {
      if (!entry) throw new Error(`The host gave no text for the new paragraph ${id}.`);
      continue;
    }
    if (entry && entry.text === text) continue;
    store.entries.set(id, { text, provisional: entry ? movedIssues(store, entry, text) : [] });
    changed.push(id);
  }
  store.order = [...order];
  return changed;
}

/**
 * One paragraph changed by the pane itself (a fix): its new text, its issues moved.
 * @param {Store} store @param {string} id @param {string} text
 */
export function setParagraph(store, id, text) {
  const entry = store.entries.get(id);
  if (!entry || entry.text === text) return;
  store.entries.set(id, { text, provisional: movedIssues(store, entry, text) });
}

/**
 * The issues a paragraph shows now: those of its text, or those it had, moved by the edit.
 * @param {Store} store @param {string} id
 * @returns {Issue[]}
 */
export function issuesOf(store, id) {
  const entry = store.entries.get(id);
  return entry ? shown(store, entry) : [];
}

/**
 * Whether a paragraph's issues are those of its text as it is now.
 * @param {Store} store @param {string} id
 */
export function isChecked(store, id) {
  const entry = store.entries.get(id);
  return Boolean(entry && (store.results.has(entry.text) || !entry.text.trim()));
}

/** @param {Store} store @param {Entry} entry @returns {Issue[]} */
function shown(store, entry) {
  return store.results.get(entry.text)?.issues ?? entry.provisional;
}

/**
 * @param {Store} store @param {Entry} entry @param {string} text
 * @returns {Issue[]}
 */
function movedIssues(store, entry, text) {
  const { start, end, replacement } = singleEdit(entry.text, text);
  return shiftIssues(shown(store, entry), start, end, replacement);
}

/**
 * The one replacement that turns `before` into `after`: the text between their common
 * start and common end (never inside a surrogate pair).
 * @param {string} before @param {string} after
 * @returns {{start: number, end: number, replacement: string}}
 */
export function singleEdit(before, after) {
  const most = Math.min(before.length, after.length);
  let start = 0;
  while (start < most && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  if (start > 0 && isLowSurrogate(before.charCodeAt(start))) start -= 1;
  let tail = 0;
  while (
    tail < most - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  ) {
    tail += 1;
  }
  if (tail > 0 && isLowSurrogate(before.charCodeAt(before.length - tail))) tail -= 1;
  return { start, end: before.length - tail, replacement: after.slice(start, after.length - tail) };
}

/** @param {number} code */
function isLowSurrogate(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The paragraphs to check next: those whose text has no result, is not being checked and
 * was not skipped; the paragraph with the caret first, then the nearest ones, within the
 * server's limits. A paragraph longer than one request may carry is skipped with a note.
 * Paragraphs with the same text go once. `budget` caps the batch's characters below the
 * server's limit (a small first batch answers sooner); a paragraph over it goes alone.
 * @param {Store} store
 * @param {{focus?: string|null, maxParagraphs: number, maxChars: number, budget?: number}} limits
 * @returns {Paragraph[]}
 */
export function nextBatch(store, { focus = null, maxParagraphs, maxChars, budget = maxChars }) {
  const at = focus ? Math.max(0, store.order.indexOf(focus)) : 0;
  /** @type {Paragraph[]} */
  const batch = [];
  const texts = new Set();
  let chars = 0;
  for (const id of byDistance(store.order, at)) {
    const { text } = /** @type {Entry} */ (store.entries.get(id));
    if (!text.trim() || store.results.has(text) || store.inFlight.has(text) || store.skipped.has(text)) continue;
    if (texts.has(text)) continue;
    if (text.length > maxChars) {
      store.skipped.set(text, 'live.tooLong');
      continue;
    }
    if (batch.length && (chars + text.length > Math.min(budget, maxChars) || batch.length >= maxParagraphs)) break;
    batch.push({ id, text });
    texts.add(text);
    chars += text.length;
  }
  return batch;
}

/** Ids from index `at` outwards: at, at+1, at-1, at+2, at-2, … */
function* byDistance(/** @type {string[]} */ order, /** @type {number} */ at) {
  for (let step = 0; step < order.length; step += 1) {
    const after = at + step;
    const before = at - step;
    if (after < order.length) yield order[after];
    if (step > 0 && before >= 0) yield order[before];
    if (after >= order.length && before < 0) return;
  }
}

/**
 * Keep what a check found, each answer under the text that was sent; an answer for part of
 * a paragraph only (the server ran out of time) is not kept, so that paragraph goes again.
 * An Improve's answer for a text is never replaced by a live one. Answers the ids whose
 * shown issues changed.
 * @param {Store} store
 * @param {Paragraph[]} sent
 * @param {{id: string, issues: Issue[], incomplete?: boolean}[]} answered
 * @param {'live'|'improve'} [source]
 * @returns {string[]}
 */
export function keepAnswer(store, sent, answered, source = 'live') {
  const texts = new Map(sent.map((paragraph) => [paragraph.id, paragraph.text]));
  for (const paragraph of sent) store.inFlight.delete(paragraph.text);
  const done = new Set();
  for (const answer of answered) {
    const text = texts.get(answer.id);
    if (text === undefined || answer.incomplete) continue;
    if (source === 'live' && store.results.get(text)?.source === 'improve') continue;
    store.results.delete(text);
    store.results.set(text, { issues: answer.issues, source });
    done.add(text);
  }
  forgetOldResults(store);
  return store.order.filter((id) => done.has(/** @type {Entry} */ (store.entries.get(id)).text));
}

/** Drop the least recent results no paragraph shows, beyond what is kept for undo. */
function forgetOldResults(/** @type {Store} */ store) {
  let extra = store.results.size - store.entries.size - KEPT_RESULTS;
  if (extra <= 0) return;
  const shown = new Set([...store.entries.values()].map((entry) => entry.text));
  for (const text of store.results.keys()) {
    if (extra <= 0) break;
    if (shown.has(text)) continue;
    store.results.delete(text);
    extra -= 1;
  }
}

/**
 * Forget every result (the writer's dictionary or language changed: they were found with
 * the old ones); every paragraph is checked again, showing its old issues meanwhile.
 * @param {Store} store
 */
export function forgetResults(store) {
  for (const [id, entry] of store.entries) store.entries.set(id, { text: entry.text, provisional: issuesOf(store, id) });
  store.results.clear();
  store.skipped.clear();
}

/**
 * The whole document as the cards see it: the paragraphs joined with "\n", and every
 * paragraph's issues in document offsets, each knowing its paragraph and its place there.
 *
 * An issue's id names its paragraph, rule, words and which of its paragraph's alike issues
 * it is, never its offset: the card of an issue that an edit moved, or that a new check
 * found again, keeps its id (and the keyboard focus on its buttons).
 * @param {Store} store
 * @returns {{text: string, issues: (Issue & {paragraph: string, local: number})[]}}
 */
export function documentView(store) {
  const pieces = [];
  /** @type {(Issue & {paragraph: string, local: number})[]} */
  const issues = [];
  let at = 0;
  for (const id of store.order) {
    const { text } = /** @type {Entry} */ (store.entries.get(id));
    /** @type {Map<string, number>} */
    const seen = new Map();
    for (const issue of issuesOf(store, id)) {
      const alike = `${issue.rule_id}\u0000${issue.text}`;
      const n = seen.get(alike) ?? 0;
      seen.set(alike, n + 1);
      const key = `${id}/${issue.rule_id}/${issue.text}/${n}`;
      issues.push({ ...issue, id: key, paragraph: id, local: issue.utf16_offset, utf16_offset: at + issue.utf16_offset });
    }
    pieces.push(text);
    at += text.length + 1;
  }
  return { text: pieces.join('\n'), issues };
}

/**
 * How far the document is checked: paragraphs with text, and those whose issues are of their
 * text as it is now.
 * @param {Store} store
 * @returns {{done: number, total: number}}
 */
export function progress(store) {
  let done = 0;
  let total = 0;
  for (const id of store.order) {
    const entry = /** @type {Entry} */ (store.entries.get(id));
    if (!entry.text.trim()) continue;
    total += 1;
    if (store.results.has(entry.text) || store.skipped.has(entry.text)) done += 1;
  }
  return { done, total };
}
