// @ts-check
/**
 * Checking as you write in Google Docs, the sidebar's half (manifest/gdocs/Live.gs is the
 * other). Apps Script has no change events: while the sidebar is visible it asks every
 * POLL_MS which paragraphs changed, sending the hashes of the paragraphs as it last saw them
 * and getting back the text of only those it lacks. A poll that finds no change waits twice
 * as long for the next (up to IDLE_MS), one that finds a change starts again at POLL_MS, and
 * nothing is asked while the sidebar is hidden.
 *
 * What that costs, for a day of typing: a poll is one short script execution (no daily
 * count: Apps Script limits one to 6 minutes and a user to 30 at once), and at most one check
 * follows each poll that found a change, so even eight hours of typing without a pause make
 * under 8 × 3600 / 2.5 = 11,520 checks; in --server-side mode each is one UrlFetch call,
 * under the 20,000 a consumer account may make a day (100,000 for Google Workspace).
 *
 * Google Docs gives an add-on no way to draw in the document: the issues show as cards.
 */

/** Between polls while the writer is typing. */
export const POLL_MS = 2500;
/** The longest wait between polls of a document nobody changes. */
export const IDLE_MS = 20000;

/**
 * @typedef {import('./host.js').LiveHost} LiveHost
 * @typedef {import('./host.js').LiveSnapshot} LiveSnapshot
 * @typedef {{same: true, focus: string|null}} Same  Nothing changed since the hashes sent.
 * @typedef {{same: false, paths: string[], hashes: string[], texts: Record<string, string>, focus: string|null}} Changed
 */

/**
 * @param {(name: string, ...args: unknown[]) => Promise<any>} call  A Code.gs function, by name.
 * @param {{document?: Pick<Document, 'visibilityState'|'addEventListener'|'removeEventListener'>, setTimeout?: (fn: () => void, ms: number) => any, clearTimeout?: (id: any) => void}} [options]
 *   For tests: the page and timers.
 * @returns {LiveHost}
 */
export function createGdocsLive(call, options = {}) {
  const page = options.document ?? globalThis.document;
  const wait = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.clearTimeout ?? ((id) => clearTimeout(id));
  /** @type {string[]} */
  let paths = [];
  /** @type {string[]} */
  let hashes = [];
  /** @type {Map<string, string>} text by hash, for the paragraphs there are now */
  let byHash = new Map();
  /** @type {string|null} */
  let focus = null;
  let polled = false;
  let delay = POLL_MS;
  /** @type {any} */
  let timer = null;
  /** @type {null | ((how: {composing: boolean}) => void)} */
  let edited = null;

  /** Ask Code.gs what changed; true if something did. */
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

  function schedule() {
    cancel(timer);
    timer = page?.visibilityState === 'hidden' || !edited ? null : wait(tick, delay);
  }

  /** The sidebar shown (asking again at the typing rhythm) or hidden (asking nothing). */
  function visible() {
    delay = POLL_MS;
    schedule();
  }

  async function tick() {
    timer = null;
    try {
      const changed = await poll();
      delay = changed ? POLL_MS : Math.min(IDLE_MS, delay * 2);
      if (changed) edited?.({ composing: false });
    } catch {
      delay = Math.min(IDLE_MS, delay * 2); // Apps Script busy or the sidebar closing
    }
    schedule();
  }

  return {
    pauseMs: 0, // the poll's rhythm is the pause
    underlines: false,
    watch(callbacks) {
      if (!edited) page?.addEventListener('visibilitychange', visible);
      edited = callbacks.edited;
      delay = POLL_MS;
      schedule();
      return () => {
        page?.removeEventListener('visibilitychange', visible);
        edited = null;
        cancel(timer);
        timer = null;
      };
    },
    // The polls are the only calls that read the document: the pane gets what the last one
    // found (the first read polls).
    async read() {
      if (!polled) await poll();
      return snapshot();
    },
    async applyFix(path, change) {
      const result = await call('applyParagraphFix', path, change.start, change.end, change.expected, change.replacement);
      if (result?.ok !== true) return false;
      delay = POLL_MS;
      schedule();
      return true;
    },
    async mark() {},
    async unmark() {},
  };
}
