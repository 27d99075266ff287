// @ts-check
/**
 * The rhythm of a host with no change events (Google Docs, Outlook): while the pane is
 * visible, ask every POLL_MS whether the document changed; after a poll that found nothing,
 * wait twice as long for the next (up to IDLE_MS); after one that found a change, POLL_MS
 * again; ask nothing while the pane is hidden, and start again at POLL_MS when it shows.
 */

/** Between polls while the writer is typing. */
export const POLL_MS = 2500;
/** The longest wait between polls of a document nobody changes. */
export const IDLE_MS = 20000;

/**
 * @typedef {Object} PollOptions  For tests: the page and the timers.
 * @property {Pick<Document, 'visibilityState'|'addEventListener'|'removeEventListener'>} [document]
 * @property {import('../types.js').Timers['setTimeout']} [setTimeout]
 * @property {import('../types.js').Timers['clearTimeout']} [clearTimeout]
 */

/**
 * @param {() => Promise<boolean>} poll  Ask the host; true when the document changed.
 * @param {PollOptions} [options]
 */
export function createPolling(poll, options = {}) {
  const page = options.document ?? globalThis.document;
  const wait = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.clearTimeout ?? ((id) => clearTimeout(id));
  let delay = POLL_MS;
  /** @type {import('../types.js').TimerId|undefined} */
  let timer;
  /** @type {null | (() => void)} */
  let changed = null;

  function schedule() {
    cancel(timer);
    timer = page?.visibilityState === 'hidden' || !changed ? undefined : wait(tick, delay);
  }

  async function tick() {
    timer = undefined;
    let found = false;
    try {
      found = await poll();
    } catch {
      // The host is busy or the pane is closing: ask again later.
    }
    delay = found ? POLL_MS : Math.min(IDLE_MS, delay * 2);
    if (found) changed?.();
    schedule();
  }

  /** The pane shown (asking again at the typing rhythm) or hidden (asking nothing). */
  function visible() {
    delay = POLL_MS;
    schedule();
  }

  return {
    /** Start polling; `onChange` after each poll that found a change. Answers stop. @param {() => void} onChange */
    start(onChange) {
      if (!changed) page?.addEventListener('visibilitychange', visible);
      changed = onChange;
      visible();
      return () => {
        page?.removeEventListener('visibilitychange', visible);
        changed = null;
        cancel(timer);
        timer = undefined;
      };
    },
    /** The pane changed the document itself: look again soon. */
    soon: visible,
  };
}

/**
 * What every host that polls offers for checking as you write: no pause of its own (the
 * poll's rhythm is the pause), no underlines in the document, and `watch` by polling.
 * @param {ReturnType<typeof createPolling>} polling
 * @returns {Pick<import('./host.js').LiveHost, 'pauseMs'|'underlines'|'watch'>}
 */
export function watchedByPolling(polling) {
  return {
    pauseMs: 0,
    underlines: false,
    watch(callbacks) {
      return polling.start(() => callbacks.edited({ composing: false }));
    },
  };
}
