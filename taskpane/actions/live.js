// @ts-check
/**
 * Checking as you write, in the pane: the live checker (live/checker.js) fed by the host's
 * paragraphs, its results drawn as underlines (where the host can) and as the cards of the
 * whole document. Improve stays: with nothing selected its answer joins the document's
 * results; on a selection the cards show that selection until the writer asks for all.
 */
import { createLiveChecker } from '../live/checker.js';
import { createStore, documentView, forgetResults, keepAnswer, progress, setParagraph } from '../live/store.js';

/** @typedef {import('../types.js').Context} Context */
/** @typedef {ReturnType<typeof createLive>} Live */
/** @typedef {import('../hosts/host.js').Issue} Issue */
/** @typedef {Issue & {paragraph: string, local: number}} LiveIssue */

/** How long the cards wait while the writer types before they are drawn again. */
const CARDS_AFTER_TYPING_MS = 150;

/** @param {Context} ctx */
export function createLive(ctx) {
  const { state, api, host } = ctx;
  const live = host.live;
  const store = createStore();
  /** @type {{maxParagraphs: number, maxChars: number}} */
  const limits = { maxParagraphs: 200, maxChars: 20000 };
  /** @type {null | (() => void)} */
  let unwatch = null;

  const checker = live
    ? createLiveChecker({
        store,
        read: () => live.read(),
        check: async (request, signal) => {
          const answer = await api.checkParagraphs(request, signal);
          if (answer.provenance) state.live.provenance = answer.provenance;
          return answer;
        },
        options: () => ctx.checkOptions(),
        limits: () => limits,
        pauseMs: live.pauseMs,
        changed: (ids) => redraw(ids, 0),
        status: (status) => {
          state.live.status = status;
          ctx.renderSoon(0);
        },
      })
    : null;

  /** Whether this writer checks as they write (their switch, else the server's default). */
  function wanted() {
    if (!live || state.live.server === 'disabled') return false;
    return state.settings.liveCheck ?? state.live.server === 'on';
  }

  /** The visible issues of some paragraphs, in their own offsets, as the host marks them. */
  function marksOf(/** @type {string[]} */ ids) {
    const shown = new Map(ids.map((id) => [id, /** @type {Issue[]} */ ([])]));
    for (const issue of /** @type {LiveIssue[]} */ (ctx.shown())) {
      shown.get(issue.paragraph)?.push({ ...issue, utf16_offset: issue.local });
    }
    return [...shown].map(([id, issues]) => ({ id, issues }));
  }

  /** Some paragraphs changed (text or issues): follow them in the cards and the marks. */
  function redraw(/** @type {string[]} */ ids, cardsAfter = CARDS_AFTER_TYPING_MS) {
    if (state.view === 'document') {
      const view = documentView(store);
      // An empty document has nothing to show: the hint under Improve says what to do.
      state.doc = view.text.trim() ? { text: view.text, whole: true } : null;
      state.issues = view.issues;
    }
    if (live?.underlines && ids.length) {
      live.mark(marksOf(ids)).then(() => {
        // Word refused to underline (no Microsoft 365): cards only, and the pane says so once.
        if (!live.underlines) ctx.notify('status.marksUnavailable');
      }, () => {});
    }
    ctx.renderSoon(cardsAfter);
  }

  /** Redraw every paragraph (the writer's dictionary, ignored words or rules changed). */
  function redrawAll() {
    redraw(store.order, 0);
  }

  async function start() {
    if (!checker || !live || checker.running) return;
    state.view = 'document';
    unwatch = live.watch({
      edited: (how) => checker.edited(how),
      reveal: (_paragraph, issueId) => ctx.reveal(issueId),
    });
    checker.start();
  }

  async function stop() {
    if (!checker?.running) return;
    unwatch?.();
    unwatch = null;
    checker.stop();
    await live?.unmark().catch(() => {});
    if (state.view === 'document') {
      state.doc = null;
      state.issues = [];
    }
    ctx.render();
  }

  return {
    /** Whether checking as you write is on now. */
    get running() {
      return Boolean(checker?.running);
    },
    /** Whether some paragraph waits for its check (so "no issues" cannot be said yet). */
    get pending() {
      if (!checker?.running) return false;
      const { done, total } = progress(store);
      return done < total;
    },
    /** Read what the server allows, then start if this writer wants it. @param {import('../api.js').ServerInfo|null} info */
    async configure(info) {
      const given = info?.live;
      if (given) {
        state.live.server = given.mode;
        limits.maxParagraphs = given.max_paragraphs;
        limits.maxChars = given.max_chars;
      }
      if (wanted()) await start();
    },
    /**
     * Improve answered: with nothing selected, its issues become the document's (per
     * paragraph, each under its exact text); on a selection the cards show the selection.
     * @param {{text: string, whole: boolean}} selection @param {Issue[]} issues
     * @returns {boolean} whether the cards show the document (the answer joined it)
     */
    improved(selection, issues) {
      if (!checker?.running) return false;
      // The answer joins the document's only when it is for the document the pane follows
      // (not while that is still being read, nor for a selection).
      if (!selection.whole || documentView(store).text !== selection.text) {
        state.view = 'selection';
        return false;
      }
      const paragraphs = selection.text.split('\n');
      const sent = [];
      const answered = [];
      let at = 0;
      for (const [index, text] of paragraphs.entries()) {
        const end = at + text.length;
        const own = issues
          .filter((issue) => issue.utf16_offset >= at && issue.utf16_offset + issue.utf16_length <= end)
          .map((issue) => ({ ...issue, utf16_offset: issue.utf16_offset - at }));
        sent.push({ id: String(index), text });
        answered.push({ id: String(index), issues: own });
        at = end + 1;
      }
      keepAnswer(store, sent, answered, 'improve');
      state.view = 'document';
      redrawAll();
      checker.flush();
      return true;
    },
    /**
     * Apply a fix to an issue of the document's cards, in its own paragraph.
     * @param {LiveIssue} issue @param {string} replacement
     * @param {import('../hosts/host.js').Marking} [marking] what to mark around the fix
     * @returns {Promise<boolean>} whether it was applied (false: the words have changed)
     */
    async fix(issue, replacement, marking) {
      const text = store.entries.get(issue.paragraph)?.text ?? '';
      const start = issue.local;
      const end = start + issue.utf16_length;
      const expected = text.slice(start, end);
      if (!live || expected !== issue.text) return false;
      const applied = await live.applyFix(issue.paragraph, { start, end, expected, replacement }, marking);
      if (applied) {
        setParagraph(store, issue.paragraph, text.slice(0, start) + replacement + text.slice(end));
        redraw([issue.paragraph], 0);
        checker?.edited();
      }
      return applied;
    },
    /**
     * Whether an issue is one of the document's live cards.
     * @param {Issue} issue @returns {issue is LiveIssue}
     */
    owns(issue) {
      return 'paragraph' in issue && state.view === 'document' && Boolean(checker?.running);
    },
    /**
     * The writer's words or rules changed: every mark follows. What was found without a word
     * they took back, or a rule they restored, is found again (`recheck`).
     */
    settingsChanged({ recheck = false } = {}) {
      if (!checker?.running) return;
      if (recheck) forgetResults(store);
      redrawAll();
      if (recheck) checker.flush();
    },
    /** Ignored occurrences changed: redraw the marks of that paragraph. @param {Issue} issue */
    dismissed(issue) {
      const paragraph = /** @type {Partial<LiveIssue>} */ (issue).paragraph;
      if (paragraph !== undefined && checker?.running) redraw([paragraph], 0);
    },
    /** Start again if it stopped for a missing access key (the writer saved one). */
    resume() {
      if (wanted() && !checker?.running) {
        unwatch?.();
        unwatch = null;
        start();
      }
    },
    /** Emphasise the words of a card in the document. @param {string|null} issueId */
    highlight(issueId) {
      live?.highlight?.(issueId);
    },
    actions: {
      /** The switch in Settings. @param {boolean} on */
      async setLiveCheck(on) {
        state.settings.liveCheck = on;
        ctx.save();
        if (on && wanted()) await start();
        else await stop();
        ctx.render();
      },
      /** Back from a selection's cards to the whole document's. */
      showDocument() {
        state.view = 'document';
        redrawAll();
      },
    },
  };
}
