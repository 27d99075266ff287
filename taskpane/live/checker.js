// @ts-check
/**
 * Checking as you write: when the writer pauses, send the paragraphs whose text has no
 * result yet, the one with the caret first, one request at a time, until the document is
 * checked. Calm when things go wrong: the server down pauses it with a note and tries again
 * at most every 5 s (then less often), a 429 waits its Retry-After, a paragraph the server
 * refuses is skipped with a note and never sent in a loop, and nothing ever opens a dialog.
 *
 * Everything it touches comes in through `deps` (the host's paragraphs, the API, timers),
 * so its rules run under Node's test runner with a fake clock.
 *
 * @typedef {import('./store.js').Store} Store
 * @typedef {import('./store.js').Paragraph} Paragraph
 * @typedef {import('../hosts/host.js').LiveSnapshot} Snapshot
 * @typedef {{state: 'idle'|'checking'|'paused'|'waiting'|'off', note?: string, params?: Record<string, string|number>}} LiveStatus
 * @typedef {Object} Deps
 * @property {Store} store
 * @property {() => Promise<Snapshot>} read  The host's paragraphs now.
 * @property {(request: object, signal: AbortSignal) => Promise<{paragraphs: {id: string, issues: import('../hosts/host.js').Issue[], incomplete?: boolean}[]}>} check
 * @property {() => object} options  The check options of every request (dictionary, rules…).
 * @property {() => {maxParagraphs: number, maxChars: number}} limits
 * @property {number} pauseMs  How long the writer pauses before a check.
 * @property {(ids: string[]) => void} changed  These paragraphs' issues changed: redraw them.
 * @property {(status: LiveStatus) => void} status
 * @property {import('../types.js').Timers & {now: () => number}} [clock]
 */
import { keepAnswer, nextBatch, progress, syncParagraphs } from './store.js';
import { ApiProblem } from '../api.js';

/** Waits while the server is unreachable: at most one request every 5 s, then less often. */
export const DOWN_WAITS_MS = [5000, 10000, 20000, 30000];
/** Below this many paragraphs to go, a check runs quietly (no progress in the status line). */
const QUIET_BELOW = 3;
/** The first batch after the writer pauses is this small (around the caret), so its
 * underlines come at once; the batches that follow take what the server allows. */
export const FIRST_BATCH_CHARS = 2500;

/** @param {Deps} deps */
export function createLiveChecker(deps) {
  const { store, pauseMs } = deps;
  const clock = deps.clock ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id), now: () => Date.now() };
  let running = false;
  let stopped = true;
  let composing = false;
  let again = false;
  /** Whether this tick goes on through the document (else a pause or the start began it). */
  let continuing = false;
  /** @type {import('../types.js').TimerId|undefined} */
  let timer;
  /** No request before this time (a 429's Retry-After, or the server down). */
  let notBefore = 0;
  let failures = 0;
  /** @type {string|null} */
  let focus = null;
  /** Paragraphs the host has not read yet (a long document is read a page at a time). */
  let unread = 0;
  /** @type {AbortController|null} */
  let request = null;
  /** @type {LiveStatus} */
  let status = { state: 'off' };
  /** Reads in order: a slow read never lands after a newer one. */
  let reading = Promise.resolve();

  /** @param {LiveStatus} next */
  function setStatus(next) {
    if (next.state === status.state && next.note === status.note && JSON.stringify(next.params) === JSON.stringify(status.params)) return;
    status = next;
    deps.status(next);
  }

  /** Read the host's paragraphs into the store; redraw those that changed. */
  function sync() {
    reading = reading.then(async () => {
      const snapshot = await deps.read();
      if (snapshot.focus) focus = snapshot.focus;
      unread = snapshot.unread ?? 0;
      const changed = syncParagraphs(store, snapshot.order, snapshot.texts);
      if (changed.length) deps.changed(changed);
    });
    return reading;
  }

  /** Check again once the writer has paused (`delay` from now), or at `notBefore`. */
  function schedule(delay = pauseMs) {
    if (stopped) return;
    if (delay === pauseMs) continuing = false; // a pause: the caret's paragraphs first
    clock.clearTimeout(timer);
    timer = clock.setTimeout(tick, Math.max(delay, notBefore - clock.now()));
  }

  async function tick() {
    timer = undefined;
    if (stopped || composing) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    const first = !continuing;
    continuing = false;
    try {
      await sync(); // at every pause: an edit whose event the host missed is caught here
      await sendNext(first);
    } catch {
      // The host could not read the document (closed, busy): try again at the next pause.
    } finally {
      running = false;
      if (again) {
        again = false;
        continuing = true;
        schedule(0);
      }
    }
  }

  /** @param {boolean} first the first batch since the writer paused (kept small) */
  async function sendNext(first) {
    const limits = deps.limits();
    const budget = first ? Math.min(limits.maxChars, FIRST_BATCH_CHARS) : limits.maxChars;
    const batch = nextBatch(store, { focus, ...limits, budget });
    const { done, total: read } = progress(store);
    const total = read + unread;
    if (unread) again = true; // the host's next page, once this one is checked
    if (total - done >= QUIET_BELOW) {
      setStatus({ state: 'checking', params: { percent: Math.floor((100 * done) / total) } });
    }
    if (!batch.length) {
      if (unread) return;
      const skipped = [...store.skipped.values()][0];
      setStatus(skipped ? { state: 'idle', note: skipped, params: deps.limits() } : { state: 'idle' });
      return;
    }
    for (const paragraph of batch) store.inFlight.add(paragraph.text);
    request = new AbortController();
    try {
      const answer = await deps.check({ ...deps.options(), paragraphs: batch }, request.signal);
      failures = 0;
      notBefore = 0;
      if (status.state === 'paused' || status.state === 'waiting') setStatus({ state: 'idle' });
      const changed = keepAnswer(store, batch, answer.paragraphs);
      if (changed.length) deps.changed(changed);
      again = true; // the next batch, after the pane has drawn this one
    } catch (error) {
      for (const paragraph of batch) store.inFlight.delete(paragraph.text);
      if (!stopped) failed(error, batch);
    } finally {
      request = null;
    }
  }

  /** @param {unknown} error @param {Paragraph[]} batch */
  function failed(error, batch) {
    if (error instanceof Error && error.name === 'AbortError') return;
    // The API's failures are ApiProblems; anything else (the network, a bug) is "down".
    const problem = error instanceof ApiProblem ? error : null;
    const code = problem?.status ?? 0;
    if (code === 429) {
      const seconds = Number(problem?.params.seconds) || 30;
      notBefore = clock.now() + seconds * 1000;
      setStatus({ state: 'waiting', note: 'live.rateLimited', params: { seconds } });
      schedule(0);
    } else if (code === 413 || code === 422) {
      for (const paragraph of batch) store.skipped.set(paragraph.text, code === 413 ? 'live.tooLong' : 'live.refused');
      again = true;
    } else if (code === 401 || code === 403) {
      stop();
      setStatus({ state: 'off', note: problem?.slug === 'live-check-off' ? 'live.disabled' : 'error.auth' });
    } else {
      const wait = DOWN_WAITS_MS[Math.min(failures, DOWN_WAITS_MS.length - 1)];
      failures += 1;
      notBefore = clock.now() + wait;
      setStatus({ state: 'paused', note: 'live.paused' });
      schedule(0);
    }
  }

  /** Stop checking; forget nothing (turning it on again checks only what changed). */
  function stop() {
    stopped = true;
    clock.clearTimeout(timer);
    timer = undefined;
    request?.abort();
    setStatus({ state: 'off' });
  }

  return {
    /** Start: read the whole document and check it, the caret's paragraph first. */
    start() {
      if (!stopped) return;
      stopped = false;
      failures = 0;
      setStatus({ state: 'idle' });
      schedule(0);
    },
    stop,
    /**
     * The host says the document may have changed (an event, a keystroke, a poll's tick).
     * While the writer composes (an IME), the store follows the text but nothing is sent.
     * @param {{composing?: boolean}} [how]
     */
    edited({ composing: now = false } = {}) {
      if (stopped) return Promise.resolve();
      composing = now;
      const synced = sync().catch(() => {});
      if (!composing) schedule();
      return synced;
    },
    /** Check now, without waiting for a pause (Improve in live mode). */
    flush() {
      schedule(0);
    },
    /** Whether it is checking as the writer writes. */
    get running() {
      return !stopped;
    },
    get status() {
      return status;
    },
  };
}
