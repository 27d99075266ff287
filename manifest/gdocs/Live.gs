/**
 * Penwise for Google Docs, checking as you write: the Apps Script half.
 *
 * Apps Script has no change events, so while the task pane is open it asks, every few seconds,
 * which paragraphs changed (taskpane/hosts/gdocs_live.js). It sends the hash of each
 * paragraph's text as it last saw them, in order; the answer is `{same: true}` when nothing
 * changed (the usual answer: a few bytes), else every paragraph's place and hash, with the
 * text of only those paragraphs whose hash the task pane does not have. A paragraph is named by
 * its place: its path from the body ("3", or "5.0.1.0" for one in a table cell). This file
 * uses the helpers of Reading.gs, Editing.gs and Elements.gs (piecesOfElement, replaceInText,
 * editableAt, activeBody, pathOf): an Apps Script project's files share one global scope.
 *
 * @typedef {Object} Poll  What the task pane gets: `same`, or every paragraph's place and hash
 *   with the texts it lacks (by hash), and the cursor's paragraph.
 * @property {boolean} same
 * @property {string|null} focus
 * @property {string[]} [paths]
 * @property {string[]} [hashes]
 * @property {Object<string, string>} [texts]
 *
 * @typedef {Object} Fixed  Whether a fix by paragraph was made.
 * @property {boolean} ok
 */

/**
 * The paragraphs now, against the hashes the task pane holds (its last answer's, in order).
 * @param {string[]} known
 * @returns {Poll}
 */
function pollParagraphs(known) {
  const body = activeBody();
  const had = Array.isArray(known) ? known : [];
  /** @type {string[]} */
  const paths = [];
  /** @type {string[]} */
  const hashes = [];
  /** @type {string[]} */
  const textsNow = [];
  piecesOfElement(body, []).forEach((piece) => {
    const text = editableAt(body, piece.path);
    const value = text ? text.getText() : '';
    paths.push(piece.path.join('.'));
    hashes.push(textHash(value));
    textsNow.push(value);
  });
  const focus = cursorParagraph();
  if (hashes.length === had.length && hashes.every((hash, i) => hash === had[i])) return { same: true, focus };
  const held = new Set(had);
  /** @type {Object<string, string>} */
  const texts = {};
  hashes.forEach((hash, i) => {
    if (!held.has(hash)) texts[hash] = textsNow[i];
  });
  return { same: false, paths, hashes, texts, focus };
}

/**
 * Replace [start, end) of the paragraph at `path` (UTF-16 offsets in its text); refuse
 * (`ok: false`) when `expected` is no longer there. With a `mark`, the new words are marked
 * as Penwise's (Authorship.gs).
 * @param {string} path @param {number} start @param {number} end
 * @param {string} expected @param {string} replacement @param {Mark|null} [mark]
 * @returns {Fixed}
 */
function applyParagraphFix(path, start, end, expected, replacement, mark) {
  const body = activeBody();
  const at = String(path).split('.').map(Number);
  const text = editableAt(body, at);
  if (!text || text.getText().slice(start, end) !== String(expected)) return { ok: false };
  replaceInText(text, start, end, String(replacement));
  markText(elementAt(body, at), start, start + String(replacement).length, mark);
  return { ok: true };
}

/**
 * The path of the paragraph (or list item) holding the cursor, or null.
 * @returns {string|null}
 */
function cursorParagraph() {
  const cursor = DocumentApp.getActiveDocument().getCursor();
  if (!cursor) return null;
  let element = cursor.getElement();
  const T = DocumentApp.ElementType;
  while (element && element.getType() !== T.PARAGRAPH && element.getType() !== T.LIST_ITEM) {
    const parent = element.getParent();
    if (!parent) return null;
    element = parent;
  }
  const path = element ? pathOf(element) : null;
  return path ? path.join('.') : null;
}

/**
 * A 64-bit hash of a text (two FNV-1a hashes over its UTF-16 units), as 13 base-36 digits
 * or fewer each: the same text gives the same hash in every call and every task pane.
 * @param {string} text
 * @returns {string}
 */
function textHash(text) {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193) >>> 0;
    b = Math.imul(b ^ unit, 0x5bd1e995) >>> 0;
  }
  return a.toString(36) + '.' + b.toString(36);
}
