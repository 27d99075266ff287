// @ts-check
/**
 * Pure logic for finding a place in Word by searching, since Word's API has no
 * "range at offset N": the text to search, which occurrence to take, and how to narrow
 * text longer than search accepts. Offsets are UTF-16 code units in the app's text
 * (Word's "\r" paragraph marks already turned into "\n").
 */

/** Word rejects search strings longer than this, escapes included (office-js #31, #1726). */
export const SEARCH_LIMIT = 255;
/** Length of each escaped end when a long span is narrowed to a prefix and a suffix. */
export const PIECE_LIMIT = 128;
/** Longest neighbouring word used to anchor a pure insertion. */
const ANCHOR_LIMIT = 64;

/** Plain, case-sensitive search: every option that would loosen a match is off. */
export const SEARCH_OPTIONS = Object.freeze({
  matchCase: true,
  matchWildcards: false,
  matchWholeWord: false,
  matchPrefix: false,
  matchSuffix: false,
  ignorePunct: false,
  ignoreSpace: false,
});

/**
 * @typedef {Object} Change
 * @property {number} start
 * @property {number} end
 * @property {string} expected
 * @property {string} replacement
 *
 * @typedef {Object} Piece  One search to run inside the kept range.
 * @property {string} needle      The text to find, as the app sees it.
 * @property {string} search      The needle written for Word's search.
 * @property {number} occurrence  Which match to take (0-based, non-overlapping, in order).
 * @property {number} count       How many matches the text has; Word must agree.
 *
 * @typedef {Object} Plan  How to apply one change once its pieces are found.
 * @property {Piece[]} pieces     One piece, or a prefix and a suffix to join with expandTo.
 * @property {'Replace'|'Start'|'End'} location  Where insertText goes on the found range.
 * @property {string} text        What to insert there.
 */

/** Turn Word's text into the app's: paragraph marks "\r" become "\n" (same length). */
export function toAppText(/** @type {string} */ wordText) {
  return wordText.replace(/\r/g, '\n');
}

/**
 * Write text for Word's (non-wildcard) search: "^" starts a special code there, so it is
 * doubled; paragraph marks, tabs and manual line breaks have codes of their own.
 */
export function escapeSearch(/** @type {string} */ text) {
  return text.replace(/[\^\n\r\t\v]/g, (ch) => SEARCH_CODES[ch]);
}

/** @type {Record<string, string>} */
const SEARCH_CODES = { '^': '^^', '\n': '^p', '\r': '^p', '\t': '^t', '\v': '^l' };

/** How many non-overlapping matches of needle the text has, scanning left to right. */
export function countOccurrences(/** @type {string} */ text, /** @type {string} */ needle) {
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

/**
 * Which match (0-based) of a left-to-right, non-overlapping scan starts at `at`;
 * -1 when none does (the scan steps over `at`, as Word's search would).
 */
export function occurrenceIndex(
  /** @type {string} */ text,
  /** @type {string} */ needle,
  /** @type {number} */ at,
) {
  if (!needle) return -1;
  let k = 0;
  let i = text.indexOf(needle);
  while (i !== -1 && i < at) {
    i = text.indexOf(needle, i + needle.length);
    k++;
  }
  return i === at ? k : -1;
}

/**
 * Plan one change of `text` (already checked to hold `expected` at its place).
 * `avoid` lists the other changes of the same rewrite, which an insertion's anchor
 * must not overlap. Null when the place cannot be found by searching.
 * @param {string} text
 * @param {Change} change
 * @param {Change[]} [avoid]
 * @returns {Plan|null}
 */
export function planChange(text, change, avoid = []) {
  const { start, end, replacement } = change;
  if (start < end) {
    const pieces = piecesFor(text, start, end);
    return pieces && { pieces, location: 'Replace', text: replacement };
  }
  const anchor = anchorFor(text, start, avoid);
  const pieces = anchor && piecesFor(text, anchor.start, anchor.end);
  return pieces && anchor ? { pieces, location: anchor.location, text: replacement } : null;
}

/**
 * Plan every edit of a rewrite, in the order to apply them: last first, so the places of
 * earlier ones do not move. Null when any edit is stale, overlaps another or cannot be found.
 * @param {string} text
 * @param {Change[]} changes
 * @returns {Plan[]|null}
 */
export function planRewrite(text, changes) {
  if (changes.some((c) => text.slice(c.start, c.end) !== c.expected)) return null;
  const ordered = [...changes].sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].end > ordered[i - 1].start) return null;
  }
  const plans = ordered.map((c) => planChange(text, c, changes.filter((o) => o !== c)));
  return plans.every(Boolean) ? /** @type {Plan[]} */ (plans) : null;
}

/** @returns {Piece[]|null} */
function piecesFor(/** @type {string} */ text, /** @type {number} */ start, /** @type {number} */ end) {
  const needle = text.slice(start, end);
  if (escapeSearch(needle).length <= SEARCH_LIMIT) {
    const whole = piece(text, needle, start);
    return whole && [whole];
  }
  const head = fitHead(needle);
  const tail = fitTail(needle);
  const first = piece(text, head, start);
  const last = piece(text, tail, end - tail.length);
  return first && last ? [first, last] : null;
}

/** @returns {Piece|null} */
function piece(/** @type {string} */ text, /** @type {string} */ needle, /** @type {number} */ at) {
  const occurrence = occurrenceIndex(text, needle, at);
  if (occurrence < 0) return null;
  return { needle, search: escapeSearch(needle), occurrence, count: countOccurrences(text, needle) };
}

/** The longest start of s whose escaped form fits PIECE_LIMIT, never half a surrogate pair. */
function fitHead(/** @type {string} */ s) {
  let size = 0;
  let i = 0;
  while (i < s.length) {
    const step = isHighSurrogate(s.charCodeAt(i)) ? 2 : 1;
    const cost = escapeSearch(s.slice(i, i + step)).length;
    if (size + cost > PIECE_LIMIT) break;
    size += cost;
    i += step;
  }
  return s.slice(0, i);
}

/** The longest end of s whose escaped form fits PIECE_LIMIT, never half a surrogate pair. */
function fitTail(/** @type {string} */ s) {
  let size = 0;
  let i = s.length;
  while (i > 0) {
    const step = isLowSurrogate(s.charCodeAt(i - 1)) && i > 1 ? 2 : 1;
    const cost = escapeSearch(s.slice(i - step, i)).length;
    if (size + cost > PIECE_LIMIT) break;
    size += cost;
    i -= step;
  }
  return s.slice(i);
}

const isHighSurrogate = (/** @type {number} */ c) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (/** @type {number} */ c) => c >= 0xdc00 && c <= 0xdfff;
const isSpace = (/** @type {string|undefined} */ ch) => ch === undefined || /\s/.test(ch);

/**
 * The neighbouring word an insertion at `at` attaches to: the word it ends (insert at that
 * word's end), else the word it starts (insert at its start).
 * @returns {{start: number, end: number, location: 'Start'|'End'}|null}
 */
function anchorFor(/** @type {string} */ text, /** @type {number} */ at, /** @type {Change[]} */ avoid) {
  let before = at;
  while (before > 0 && !isSpace(text[before - 1])) before--;
  let after = at;
  while (after < text.length && !isSpace(text[after])) after++;
  /** @type {Array<{start: number, end: number, location: 'Start'|'End'}>} */
  const candidates = [];
  if (before < at) candidates.push({ start: before, end: at, location: 'End' });
  if (after > at) candidates.push({ start: at, end: after, location: 'Start' });
  if (!candidates.length && at > 0) {
    // Between spaces: the spaces before, and the word before them, make the anchor.
    let start = at;
    while (start > 0 && isSpace(text[start - 1])) start--;
    while (start > 0 && !isSpace(text[start - 1])) start--;
    candidates.push({ start, end: at, location: 'End' });
  }
  return (
    candidates.find(
      (a) => a.end - a.start <= ANCHOR_LIMIT && !avoid.some((c) => overlaps(a, c)),
    ) ?? null
  );
}

/** Whether an anchor shares text with another change (an insertion strictly inside counts). */
function overlaps(/** @type {{start: number, end: number}} */ a, /** @type {Change} */ c) {
  return c.start === c.end ? a.start < c.start && c.start < a.end : a.start < c.end && c.start < a.end;
}
