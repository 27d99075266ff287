// @ts-check
/**
 * The browser page's marks of who wrote what, as ranges of its text that follow the writer's
 * edits: text deleted inside a mark leaves it, text typed inside one splits it (what the
 * writer types is theirs, never the model's), and a new mark takes its text from any older
 * one. Pure, so it runs under Node's test runner. Offsets are UTF-16 units of the text.
 *
 * @typedef {import('../authorship/marks.js').Mark} Mark
 * @typedef {{id: string, mark: Mark, ranges: Array<[number, number]>}} Marked  One passage:
 *   a mark over one or more ranges (more once the writer typed inside it), in order.
 */
import { singleEdit } from '../live/store.js';
import { keptMark } from '../authorship/marks.js';

/**
 * Move every passage's ranges through the edit that turned `before` into `after`.
 * @param {Marked[]} marks @param {string} before @param {string} after
 * @returns {Marked[]} the passages that still hold text
 */
export function followText(marks, before, after) {
  if (before === after) return marks;
  const { start, end, replacement } = singleEdit(before, after);
  return withRanges(marks, (range) => moved(range, start, end, replacement.length));
}

/**
 * Add a passage over [start, end), taking that text from the passages that held it.
 * @param {Marked[]} marks @param {string} id @param {Mark} mark @param {number} start @param {number} end
 * @returns {Marked[]}
 */
export function addMark(marks, id, mark, start, end) {
  if (end <= start) return marks;
  const rest = withRanges(marks, ([from, to]) => [
    ...(from < start ? [/** @type {[number, number]} */ ([from, Math.min(to, start)])] : []),
    ...(to > end ? [/** @type {[number, number]} */ ([Math.max(from, end), to])] : []),
  ]);
  /** @type {Marked} */
  const added = { id, mark, ranges: [[start, end]] };
  return [...rest, added].sort((a, b) => a.ranges[0][0] - b.ranges[0][0]);
}

/**
 * Where a range is after [start, end) became `length` units of new text: the new text is
 * never inside it.
 * @param {[number, number]} range @param {number} start @param {number} end @param {number} length
 * @returns {Array<[number, number]>}
 */
function moved([from, to], start, end, length) {
  const delta = length - (end - start);
  if (to <= start) return [[from, to]];
  if (from >= end) return [[from + delta, to + delta]];
  /** @type {Array<[number, number]>} */
  const pieces = [];
  if (from < start) pieces.push([from, start]);
  if (to > end) pieces.push([start + length, to + delta]);
  return pieces;
}

/**
 * Each passage with its ranges mapped by `map`; those left with no text are gone, and
 * touching ranges of one passage join again.
 * @param {Marked[]} marks @param {(range: [number, number]) => Array<[number, number]>} map
 * @returns {Marked[]}
 */
function withRanges(marks, map) {
  const kept = [];
  for (const passage of marks) {
    /** @type {Array<[number, number]>} */
    const ranges = [];
    for (const [from, to] of passage.ranges.flatMap(map)) {
      if (to <= from) continue;
      const last = ranges[ranges.length - 1];
      if (last && last[1] === from) last[1] = to;
      else ranges.push([from, to]);
    }
    if (ranges.length) kept.push({ ...passage, ranges });
  }
  return kept;
}

/**
 * The passages' text inside [start, end) of `text`: what the Authorship view reads.
 * @param {Marked[]} marks @param {string} text @param {number} start @param {number} end
 * @returns {import('../authorship/marks.js').Passage[]}
 */
export function passagesIn(marks, text, start, end) {
  return marks.flatMap(({ id, mark, ranges }) => {
    const inside = ranges
      .map(([from, to]) => text.slice(Math.max(from, start), Math.min(to, end)))
      .filter(Boolean);
    return inside.length ? [{ id, mark, text: inside.join(''), pieces: inside }] : [];
  });
}

/**
 * The passages kept with a text, as the page stored them; [] when they do not fit it (the
 * text was changed elsewhere) or are not what this page writes.
 * @param {unknown} stored @param {string} text
 * @returns {Marked[]}
 */
export function marksFrom(stored, text) {
  if (typeof stored !== 'object' || stored === null) return [];
  const { length, marks } = /** @type {{length?: unknown, marks?: unknown}} */ (stored);
  if (length !== text.length || !Array.isArray(marks)) return [];
  return marks.filter((/** @type {unknown} */ passage) => isMarked(passage, text.length));
}

/**
 * Whether a stored passage is one this page wrote, its ranges inside a text of `length`.
 * @param {unknown} passage @param {number} length
 * @returns {passage is Marked}
 */
function isMarked(passage, length) {
  if (typeof passage !== 'object' || passage === null) return false;
  const { id, mark, ranges } = /** @type {{id?: unknown, mark?: unknown, ranges?: unknown}} */ (passage);
  return (
    typeof id === 'string' &&
    keptMark(mark) !== null &&
    Array.isArray(ranges) &&
    ranges.every(
      (/** @type {unknown} */ range) =>
        Array.isArray(range) && Number.isInteger(range[0]) && Number.isInteger(range[1]) && 0 <= range[0] && range[0] < range[1] && range[1] <= length,
    )
  );
}
