// @ts-check
/**
 * Checking as you write in Google Docs, the task pane's half (manifest/gdocs/Live.gs is the
 * other). Apps Script has no change events: while the task pane is visible it asks, at the
 * rhythm of polling.js, which paragraphs changed, sending the hashes of the paragraphs as it
 * last saw them and getting back the text of only those it lacks.
 *
 * What that costs, for a day of typing: a poll is one short script execution (no daily
 * count: Apps Script limits one to 6 minutes and a user to 30 at once), and at most one check
 * follows each poll that found a change, so even eight hours of typing without a pause make
 * under 8 × 3600 / 2.5 = 11,520 checks; in --server-side mode each is one UrlFetch call,
 * under the 20,000 a consumer account may make a day (100,000 for Google Workspace).
 *
 * Google Docs gives an add-on no way to draw in the document: the issues show as cards.
 */
import { createPolling, watchedByPolling } from './polling.js';

/**
 * @typedef {import('./host.js').LiveHost} LiveHost
 * @typedef {import('./host.js').LiveSnapshot} LiveSnapshot
 * @typedef {{same: true, focus: string|null}} Same  Nothing changed since the hashes sent.
 * @typedef {{same: false, paths: string[], hashes: string[], texts: Record<string, string>, focus: string|null}} Changed
 */

/**
 * @param {import('./gdocs.js').Call} call  An Apps Script function, by name.
 * @param {import('./polling.js').PollOptions} [options]  For tests: the page and timers.
 * @returns {LiveHost}
 */
export function createGdocsLive(call, options = {}) {
  /** @type {string[]} */
  let paths = [];
  /** @type {string[]} */
  let hashes = [];
  /** @type {Map<string, string>} text by hash, for the paragraphs there are now */
  let byHash = new Map();
  /** @type {string|null} */
  let focus = null;
  let polled = false;
  const polling = createPolling(poll, options);

  /** Ask Live.gs what changed; true if something did. */
  async function poll() {
    /** @type {Same|Changed} */
    const asked = await call('pollParagraphs', hashes);
    polled = true;
    focus = asked.focus;
    if (asked.same) return false;
    const answer = /** @type {Changed} */ (asked);
    const texts = new Map(Object.entries(answer.texts));
    byHash = new Map(answer.hashes.map((hash) => [hash, /** @type {string} */ (texts.get(hash) ?? byHash.get(hash) ?? '')]));
    ({ paths, hashes } = answer);
    return true;
  }

  /** @returns {LiveSnapshot} */
  function snapshot() {
    return { order: paths, texts: new Map(paths.map((path, i) => [path, /** @type {string} */ (byHash.get(hashes[i]))])), focus };
  }

  return {
    ...watchedByPolling(polling),
    // The polls are the only calls that read the document: the pane gets what the last one
    // found (the first read polls).
    async read() {
      if (!polled) await poll();
      return snapshot();
    },
    async applyFix(path, change, marking) {
      const mark = marking?.mark ?? null;
      const result = await call('applyParagraphFix', path, change.start, change.end, change.expected, change.replacement, mark);
      if (result?.ok !== true) return false;
      polling.soon();
      return true;
    },
    async mark() {},
    async unmark() {},
  };
}
