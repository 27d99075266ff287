// @ts-check
/**
 * Checking as you write in Outlook. No event tells an add-in that the body changed, so the
 * pane reads the writer's own text (never the quoted thread) at the rhythm of polling.js and
 * follows its lines as the browser page does (browser_lines.js): an edit inside a line keeps
 * the line's id, so its cards stay its own. Outlook lets an add-in draw nothing in a message
 * being written: the issues show as cards.
 */
import { followEdit, linesOf, startOf } from './browser_lines.js';
import { createPolling, watchedByPolling } from './polling.js';

/**
 * @param {{own: () => Promise<string>,
 *          fix: (start: number, end: number, expected: string, replacement: string) => Promise<boolean>,
 *          options?: import('./polling.js').PollOptions}} parts
 *   `own`: the writer's own text now; `fix`: replace [start, end) of it when `expected` is
 *   still there; `options`: for tests, the page and timers.
 * @returns {import('./host.js').LiveHost}
 */
export function createOutlookLive({ own, fix, options = {} }) {
  /** @type {import('./browser_lines.js').Lines|null} */
  let lines = null;
  let known = '';

  /** Read the writer's text; true when it changed since the last read. */
  async function poll() {
    const text = await own();
    if (lines && text === known) return false;
    if (lines) followEdit(lines, known, text);
    else lines = linesOf(text);
    known = text;
    return true;
  }
  const polling = createPolling(poll, options);

  return {
    ...watchedByPolling(polling),
    async read() {
      if (!lines) await poll();
      const { ids, texts } = /** @type {import('./browser_lines.js').Lines} */ (lines);
      return { order: [...ids], texts: new Map(ids.map((id, i) => [id, texts[i]])) };
    },
    async applyFix(id, change) {
      const start = lines ? startOf(lines, id) : -1;
      if (start < 0) return false;
      const from = start + change.start;
      const to = start + change.end;
      const done = await fix(from, to, change.expected, change.replacement);
      if (!done) return false;
      // Follow the pane's own change now, so the next poll sees only the writer's.
      const text = known.slice(0, from) + change.replacement + known.slice(to);
      followEdit(/** @type {import('./browser_lines.js').Lines} */ (lines), known, text);
      known = text;
      polling.soon();
      return true;
    },
    async mark() {},
    async unmark() {},
  };
}
