// @ts-check
/**
 * The pane's behaviour: one state, actions that change it and call the server or the host,
 * and one render after every change. It knows no host; it talks to the Host interface.
 * The actions live by concern in actions/ (check, rewrite, ideas, settings, authorship); this module
 * gives them what they share (the Context) and starts the pane.
 */
import { ApiProblem, createApi, isAbort, reasonOf } from './api.js';
import { initialState, settingsFrom, visibleIssues } from './state.js';
import { renderPane } from './render/pane.js';
import { checkActions } from './actions/check.js';
import { rewriteActions } from './actions/rewrite.js';
import { ideaActions } from './actions/ideas.js';
import { settingsActions } from './actions/settings.js';
import { authorshipActions } from './actions/authorship.js';
import { createLive } from './actions/live.js';

/**
 * @typedef {import('./types.js').Host} Host
 * @typedef {import('./types.js').T} T
 * @typedef {import('./types.js').Context} Context
 * @typedef {import('./types.js').Actions} Actions
 */

/**
 * Start the pane in `root`.
 * @param {{root: HTMLElement, host: Host, server: string, t: T, iconUrl: string, language: string}} options
 *   `server` is the Penwise server's base URL, ending with "/".
 */
export async function startApp({ root, host, server, t, iconUrl, language }) {
  const state = initialState();
  const api = createApi({ base: server, apiKey: () => state.settings.apiKey, fetchImpl: host.transport, language });
  const announcer = liveRegion();
  /** @type {AbortController|null} */
  let inFlight = null;
  /** @type {ReturnType<typeof setTimeout>|undefined} */
  let renderTimer;
  let renderAt = Infinity;

  /** @type {import('./actions/live.js').Live} Made once ctx exists: it works with ctx. */
  let live;
  /** @type {Context} */
  const ctx = {
    state,
    api,
    host,
    t,
    root,
    render: () =>
      renderPane(root, state, {
        t,
        actions,
        issues: ctx.shown(),
        iconUrl,
        host: {
          canTrackChanges: Boolean(host.setTrackChanges),
          canCheckLive: Boolean(host.live),
          canKeepMarks: Boolean(host.authorship),
          documentOnPage: host.documentOnPage,
        },
        livePending: ctx.live.pending,
      }),
    renderSoon(delay = 0) {
      const at = Date.now() + delay;
      if (renderTimer !== undefined && renderAt <= at) return;
      clearTimeout(renderTimer);
      renderAt = at;
      renderTimer = setTimeout(() => {
        renderTimer = undefined;
        renderAt = Infinity;
        ctx.render();
      }, delay);
    },
    get live() {
      return live;
    },
    reveal(issueId) {
      const issue = ctx.shown().find((candidate) => candidate.id === issueId);
      if (!issue) return;
      state.tab = 'issues';
      state.collapsed.delete(issue.category);
      state.revealed = issueId;
      ctx.render();
      const card = /** @type {HTMLElement|null} */ (root.querySelector(`[data-issue="${CSS.escape(issueId)}"]`));
      card?.scrollIntoView({ block: 'nearest' });
    },
    announce(text) {
      announcer.textContent = '';
      setTimeout(() => (announcer.textContent = text), 50);
    },
    notify(key, params) {
      state.notice = { key, params };
      ctx.announce(t(key, params));
    },
    fail(error) {
      state.error = { ...hostProblem(error), retry: null };
      ctx.render();
    },
    save: () => {
      host.saveSettings({ ...state.settings }).catch(() => {});
    },
    shown: () =>
      state.doc
        ? visibleIssues(state.issues, state.doc.text, state.ignored, state.settings.disabledRules, state.settings.dictionary)
        : [],
    run,
    async readDocument() {
      const selection = await host.read();
      if (!selection.text.trim()) throw new ApiProblem('status.empty', {}, { retryable: false });
      return selection;
    },
    checkOptions: () => ({ dictionary: state.settings.dictionary, disabled_rules: state.settings.disabledRules }),
    rewriteOptions: () => ({
      tone: state.rewrite.tone,
      formality: state.rewrite.formality,
      length: state.rewrite.length,
      instruction: state.rewrite.instruction,
    }),
  };

  /**
   * Run one piece of work with progress, Cancel, and a readable error with Retry.
   * @param {string} busyKey @param {(signal: AbortSignal) => Promise<void>} work @param {() => void} retry
   */
  async function run(busyKey, work, retry) {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    state.busy = { key: busyKey, cancel: () => controller.abort() };
    state.error = null;
    state.notice = null;
    ctx.announce(t(busyKey));
    ctx.render();
    try {
      await work(controller.signal);
    } catch (error) {
      if (isAbort(error)) ctx.notify('status.cancelled');
      else {
        const problem = error instanceof ApiProblem ? error : hostProblem(error);
        state.error = { key: problem.key, params: problem.params, retry: problem.retryable ? retry : null };
        if (problem.key === 'error.auth') state.settingsOpen = true;
        ctx.announce(t(problem.key, problem.params));
      }
    } finally {
      if (inFlight === controller) {
        inFlight = null;
        state.busy = null;
      }
      ctx.render();
    }
  }

  live = createLive(ctx);
  /** @type {Actions} */
  const actions = {
    ...ctx.live.actions,
    ...checkActions(ctx),
    ...rewriteActions(ctx),
    ...ideaActions(ctx),
    ...settingsActions(ctx),
    ...authorshipActions(ctx),
    cancel() {
      inFlight?.abort();
    },
    showAllCards(category) {
      state.expanded.add(category);
      ctx.render();
    },
    highlight(issueId) {
      ctx.live.highlight(issueId);
    },
    setTab(tab, focus = false) {
      state.tab = tab;
      ctx.render();
      if (focus) /** @type {HTMLElement|null} */ (root.querySelector(`#tab-${tab}`))?.focus();
      // The document may have changed since the marks were last read: read them on opening.
      if (tab === 'authorship') actions.refreshAuthorship();
    },
  };

  document.addEventListener('keydown', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const typing = target.closest('textarea, input, select, button, a, [contenteditable="true"]');
    if (event.key === 'Enter' && !event.shiftKey && (!typing || event.ctrlKey || event.metaKey) && !state.busy) {
      event.preventDefault();
      actions.improve();
    } else if (event.key === 'Escape' && state.busy) {
      actions.cancel();
    }
  });
  window.addEventListener('pagehide', () => {
    host.clearMarks?.();
  });

  document.documentElement.lang = language;
  state.settings = settingsFrom(await host.loadSettings().catch(() => ({})));
  ctx.render();
  await Promise.all([
    api.tones().then((tones) => (state.tones = tones), () => {}),
    api.info().then(
      (info) => {
        if (info?.authorship?.marks === 'required') state.authorship.marks = 'required';
        return ctx.live.configure(info);
      },
      () => ctx.live.configure(null),
    ),
  ]);
  ctx.render();
  return { state, actions };
}

/** What the pane says when the host failed to read or change the document. @param {unknown} error */
function hostProblem(error) {
  if (error instanceof ApiProblem) return error; // the host said it in the writer's words
  return new ApiProblem('error.host', { reason: reasonOf(error) });
}

/** The polite live region that reads results out to screen readers. */
function liveRegion() {
  const region = document.createElement('div');
  region.className = 'sr-only';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  document.body.append(region);
  return region;
}
