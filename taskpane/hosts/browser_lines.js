// @ts-check
/**
 * The browser page's paragraphs: the lines of its text area, each with an id that stays with
 * the line while the writer edits (an edit inside a line keeps its id; a new line gets a new
 * one), like Word's paragraph ids. Pure, so it runs under Node's test runner.
 */
import { singleEdit } from '../live/store.js';

let made = 0;
const newId = () => `line-${(made += 1).toString(36)}`;

/** @typedef {{ids: string[], texts: string[]}} Lines */

/** The lines of `text`, each with a new id. @param {string} text @returns {Lines} */
export function linesOf(text) {
  const texts = text.split('\n');
  return { ids: texts.map(newId), texts };
}

/**
 * Follow the text from `before` to `after` (one edit, as a keystroke, a paste or a fix
 * makes): the lines the edit touched are replaced, the others keep their ids.
 * @param {Lines} lines @param {string} before @param {string} after
 */
export function followEdit(lines, before, after) {
  if (before === after) return;
  const { start, end, replacement } = singleEdit(before, after);
  const first = lineAt(lines.texts, start);
  const last = lineAt(lines.texts, end, first);
  const merged =
    lines.texts[first.index].slice(0, start - first.start) + replacement + lines.texts[last.index].slice(end - last.start);
  const pieces = merged.split('\n');
  const ids = pieces.map(newId);
  // The old line goes on in the piece that still begins with its text: the first, unless
  // a line break was typed at its very start ("Enter" at the start of a line).
  const movedDown = start === first.start && end === start && replacement.endsWith('\n');
  ids[movedDown ? ids.length - 1 : 0] = lines.ids[first.index];
  const count = last.index - first.index + 1;
  lines.ids.splice(first.index, count, ...ids);
  lines.texts.splice(first.index, count, ...pieces);
}

/**
 * The line holding `offset` (a line's end counts as inside it), searched from `from`.
 * @param {string[]} texts @param {number} offset @param {{index: number, start: number}} [from]
 */
export function lineAt(texts, offset, from = { index: 0, start: 0 }) {
  let { index, start } = from;
  while (index < texts.length - 1 && start + texts[index].length < offset) {
    start += texts[index].length + 1;
    index += 1;
  }
  return { index, start };
}

/**
 * Where the line with `id` starts in the text; -1 if there is none.
 * @param {Lines} lines @param {string} id
 */
export function startOf(lines, id) {
  let start = 0;
  for (let i = 0; i < lines.ids.length; i += 1) {
    if (lines.ids[i] === id) return start;
    start += lines.texts[i].length + 1;
  }
  return -1;
}
