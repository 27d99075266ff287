// @ts-check
/**
 * Pure logic turning the pane's issues into Word critique annotations, one list per
 * paragraph of the kept range, with starts counted from the start of each paragraph.
 */

/** Underline colour per issue category (Word.CritiqueColorScheme values, WordApi 1.7). */
export const CRITIQUE_COLORS = Object.freeze({
  correctness: 'Red',
  clarity: 'Blue',
  style: 'Lavender',
});

/**
 * How many suggestions Word's pop-up shows: the first three, whatever the list holds
 * (office-js issue 6797). The pane passes the first three its card shows, in that order.
 */
export const POPUP_SUGGESTIONS = 3;

/**
 * Manifest string resource ids for the pop-up (Word.CritiquePopupOptions, WordApi 1.8 only
 * takes resource ids, never text). The manifest must define each of them.
 */
export const POPUP_RESOURCE_IDS = Object.freeze({
  branding: 'Penwise.Critique.Branding',
  subtitle: 'Penwise.Critique.Subtitle',
  titles: Object.freeze({
    correctness: 'Penwise.Critique.Correctness',
    clarity: 'Penwise.Critique.Clarity',
    style: 'Penwise.Critique.Style',
  }),
});

/**
 * @typedef {import('./host.js').Issue} Issue
 *
 * @typedef {Word.Critique} Critique  What Word.Paragraph.insertAnnotations takes, per underline.
 *   `start` and `length` count UTF-16 code units of the paragraph's own text. The reference
 *   says only "the start index of the critique inside paragraph" (Word.Critique, WordApi 1.7);
 *   the one index space Office.js gives that text is Paragraph.text, a JavaScript string,
 *   and Microsoft's annotation samples and threads take `start` from paragraph.text.indexOf
 *   (office-js issue 4997).
 *
 * @typedef {{issueId: string, critique: Critique}} Mark
 */

/**
 * Build the critiques for each paragraph of `text` (paragraphs split at "\n").
 * `lead` is how far into its paragraph the text starts (a selection that begins mid-way),
 * since critique starts count from the paragraph's own start. Issues that span paragraphs,
 * are empty, overlap an earlier one, or no longer match the text are left to the cards.
 * @param {string} text
 * @param {Issue[]} issues
 * @param {{lead?: number, popup?: boolean}} [options]
 * @returns {Mark[][]}
 */
export function buildCritiques(text, issues, { lead = 0, popup = false } = {}) {
  const starts = paragraphStarts(text);
  /** @type {Mark[][]} */
  const marks = starts.map(() => []);
  const sorted = [...issues].sort((a, b) => a.utf16_offset - b.utf16_offset);
  for (const issue of sorted) {
    const offset = issue.utf16_offset;
    const length = issue.utf16_length;
    if (length <= 0 || offset < 0 || offset + length > text.length) continue;
    if (issue.text !== undefined && text.slice(offset, offset + length) !== issue.text) continue;
    if (text.slice(offset, offset + length).includes('\n')) continue;
    const p = paragraphAt(starts, offset);
    const start = offset - starts[p] + (p === 0 ? lead : 0);
    const previous = marks[p].at(-1)?.critique;
    if (previous && previous.start + previous.length > start) continue;
    marks[p].push({ issueId: issue.id, critique: critique(issue, start, length, popup) });
  }
  return marks;
}

/** @returns {Critique} */
function critique(/** @type {Issue} */ issue, /** @type {number} */ start, /** @type {number} */ length, /** @type {boolean} */ popup) {
  const category = /** @type {keyof typeof CRITIQUE_COLORS} */ (issue.category);
  /** @type {Critique} */
  const made = { colorScheme: CRITIQUE_COLORS[category] ?? CRITIQUE_COLORS.style, start, length };
  if (popup) {
    made.popupOptions = {
      brandingTextResourceId: POPUP_RESOURCE_IDS.branding,
      titleResourceId: POPUP_RESOURCE_IDS.titles[category] ?? POPUP_RESOURCE_IDS.titles.style,
      subtitleResourceId: POPUP_RESOURCE_IDS.subtitle,
      suggestions: issue.replacements.slice(0, POPUP_SUGGESTIONS),
    };
  }
  return made;
}

/** Offsets where each paragraph of text starts. */
function paragraphStarts(/** @type {string} */ text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the paragraph holding offset. */
function paragraphAt(/** @type {number[]} */ starts, /** @type {number} */ offset) {
  let p = 0;
  while (p + 1 < starts.length && starts[p + 1] <= offset) p++;
  return p;
}
