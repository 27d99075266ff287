// @ts-check
/**
 * Changing words in Word where the pane's offsets say: Word's API has no "range at offset N",
 * so a change is found by searching its range for the words (word_locate.js plans which
 * search and which match), and refused when the words there are no longer those expected.
 * The Word host uses it on the range it read; checking as you write, on one paragraph.
 */
import { planChange, toAppText, SEARCH_OPTIONS } from './word_locate.js';

/**
 * @typedef {import('./word_locate.js').Plan} Plan
 * @typedef {import('./host.js').Change} Change
 * @typedef {Word.Range | Word.Body | Word.Paragraph} Searchable
 */

/**
 * Queue one search per piece of a plan, inside `range`.
 * @param {Searchable} range @param {Plan} plan
 */
export function search(range, plan) {
  return plan.pieces.map((piece) => {
    const found = range.search(piece.search, SEARCH_OPTIONS);
    found.load('items');
    return found;
  });
}

/**
 * The range a plan names, once its searches have synced; null when Word's matches do not
 * line up with the text (hidden text, fields), since then the count would pick wrongly, or
 * when the plan needs two pieces joined and `canJoin` (WordApi 1.3's expandTo) is false.
 * @param {Plan} plan @param {Word.RangeCollection[]} found @param {boolean} canJoin
 * @returns {Word.Range|null}
 */
export function target(plan, found, canJoin) {
  const ranges = plan.pieces.map((piece, i) =>
    found[i].items.length === piece.count ? found[i].items[piece.occurrence] : null,
  );
  if (ranges.some((r) => !r)) return null;
  const [first, last] = /** @type {Word.Range[]} */ (ranges);
  if (!last) return first;
  return canJoin ? first.expandTo(last) : null;
}

/**
 * Queue the change a plan describes on the range found for it; answer the range of the new
 * text (none for a deletion).
 * @param {Word.Range} range @param {Plan} plan
 * @returns {Word.Range|null}
 */
export function apply(range, plan) {
  if (plan.location === 'Replace' && plan.text === '') {
    range.delete();
    return null;
  }
  return range.insertText(plan.text, plan.location);
}

/**
 * Make one change inside `range`, in this batch; false when its words are no longer there.
 * @param {Word.RequestContext} context @param {Searchable} range @param {Change} change
 * @param {boolean} canJoin  WordApi 1.3 is there (a passage over 255 characters is found by
 *   its two ends, joined)
 * @param {(context: Word.RequestContext, pieces: {range: Word.Range, text: string}[]) => Promise<void>} [made]
 *   what to do with the new text once it is in (mark it as Penwise's)
 * @returns {Promise<boolean>}
 */
export async function changeIn(context, range, change, canJoin, made) {
  range.load('text');
  await context.sync();
  const text = toAppText(range.text);
  if (text.slice(change.start, change.end) !== change.expected) return false;
  const plan = planChange(text, change);
  if (!plan) return false;
  const found = search(range, plan);
  await context.sync();
  const place = target(plan, found, canJoin);
  if (!place) return false;
  const inserted = apply(place, plan);
  await context.sync();
  if (inserted) await made?.(context, [{ range: inserted, text: plan.text }]);
  return true;
}
