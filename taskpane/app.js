// @ts-check
/**
 * The pane's behaviour: one state, actions that change it and call the server or the host,
 * and one render after every change. It knows no host; it talks to the Host interface.
 */
import { ApiProblem, createApi, isAbort } from './api.js';
import {
  initialState,
  occurrenceKey,
  ruleName,
  settingsFrom,
  shiftIssues,
  spliceText,
  visibleIssues,
  withItem,
  withoutItem,
} from './state.js';
import { renderPane } from './render/pane.js';

/** Long texts are also split by the server; the pane says in how many parts above this. */
const PARTS_FROM_CHARS = 8000;

/**
 * @typedef {import('./hosts/host.js').Host} Host
 * @typedef {import('./hosts/host.js').Issue} Issue
 * @typedef {(key: string, params?: Record<string, string|number>) => string} T
 */

/**
 * Start the pane in `root`.
 * @param {{root: HTMLElement, host: Host, server: string, t: T, iconUrl: string, language: string}} options
 *   `server` is the Penwise server's base URL, ending with "/".
 */
export async function startApp({ root, host, server, t, iconUrl, language }) {
  const state = initialState();
  const api = createApi({ base: server, apiKey: () => state.settings.apiKey, fetchImpl: host.transport });
  const announcer = liveRegion();
  /** @type {AbortController|null} */
  let inFlight = null;

  const render = () => {
    const issues = shown();
    renderPane(root, state, {
      t,
      actions,
      issues,
      iconUrl,
      host: { name: host.name, canTrackChanges: Boolean(host.setTrackChanges) },
    });
  };
  /** @param {string} text */
  const announce = (text) => {
    announcer.textContent = '';
    setTimeout(() => (announcer.textContent = text), 50);
  };
  const shown = () =>
    state.doc ? visibleIssues(state.issues, state.doc.text, state.ignored, state.settings.disabledRules) : [];
  /** @param {string} key @param {Record<string, string|number>} [params] */
  const notify = (key, params) => {
    state.notice = { key, params };
    announce(t(key, params));
  };
  const save = () => host.saveSettings({ ...state.settings }).catch(() => {});

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
    announce(t(busyKey));
    render();
    try {
      await work(controller.signal);
    } catch (error) {
      if (isAbort(error)) notify('status.cancelled');
      else {
        const problem = error instanceof ApiProblem ? error : hostProblem(error);
        state.error = { key: problem.key, params: problem.params, retry: problem.retryable ? retry : null };
        if (problem.key === 'error.auth') state.settingsOpen = true;
        announce(t(problem.key, problem.params));
      }
    } finally {
      if (inFlight === controller) {
        inFlight = null;
        state.busy = null;
      }
      render();
    }
  }

  /** What every check sends along: the writer's words and ignored rules. */
  const checkOptions = () => ({
    dictionary: state.settings.dictionary,
    disabled_rules: state.settings.disabledRules,
  });
  const rewriteOptions = () => ({
    tone: state.rewrite.tone,
    formality: state.rewrite.formality,
    length: state.rewrite.length,
    instruction: state.rewrite.instruction,
  });

  /** Read the document, or stop with a sentence when there is nothing to read. */
  async function readDocument() {
    const selection = await host.read();
    if (!selection.text.trim()) throw new ApiProblem('status.empty', {}, { retryable: false });
    return selection;
  }

  const actions = {
    improve() {
      return run(
        'status.checking',
        async (signal) => {
          await host.clearMarks?.();
          const selection = await readDocument();
          const parts =
            selection.text.length > PARTS_FROM_CHARS ? api.parts(selection.text, signal).catch(() => 1) : Promise.resolve(1);
          const answer = await api.improve({ text: selection.text, ...checkOptions(), ...rewriteOptions() }, signal);
          state.doc = selection;
          state.issues = answer.issues;
          state.outcome = {
            kind: 'check',
            whole: selection.whole,
            engine: answer.engine,
            degraded: answer.degraded,
            warnings: answer.warnings,
            incomplete: answer.incomplete,
            parts: await parts,
          };
          state.rewrite.streaming = null;
          state.rewrite.preview = { source: selection.text, ...answer.rewrite, warnings: [] };
          const count = shown().length;
          announce(count ? t('status.resultCount', { count }) : t('status.noIssues'));
          await markIssues();
        },
        () => actions.improve(),
      );
    },
    cancel() {
      inFlight?.abort();
    },
    /** @param {'issues'|'rewrite'|'ideas'} tab @param {boolean} [focus] */
    setTab(tab, focus = false) {
      state.tab = tab;
      render();
      if (focus) /** @type {HTMLElement|null} */ (root.querySelector(`#tab-${tab}`))?.focus();
    },
    /** @param {Issue} issue @param {string} replacement */
    async applyFix(issue, replacement) {
      const doc = /** @type {NonNullable<typeof state.doc>} */ (state.doc);
      const start = issue.utf16_offset;
      const end = start + issue.utf16_length;
      const expected = doc.text.slice(start, end);
      let applied = false;
      try {
        applied = expected === issue.text && (await host.applyFix({ start, end, expected, replacement }));
      } catch (error) {
        state.error = { ...hostProblem(error), retry: null };
        render();
        return;
      }
      state.issues = shiftIssues(state.issues, start, end, replacement);
      if (applied) {
        doc.text = spliceText(doc.text, start, end, replacement);
        api.feedback({ rule_id: issue.rule_id, action: 'applied' });
        notify('status.applied', { from: issue.text, to: replacement });
      } else {
        notify('status.stale');
      }
      state.rewrite.preview = null;
      render();
      focusNextCard(issue);
    },
    /** @param {Issue} issue */
    ignore(issue) {
      state.ignored.add(occurrenceKey(/** @type {NonNullable<typeof state.doc>} */ (state.doc).text, issue));
      api.feedback({ rule_id: issue.rule_id, action: 'ignored' });
      notify('status.ignored');
      render();
      focusNextCard(issue);
      markIssues();
    },
    /** @param {Issue} issue */
    ignoreRule(issue) {
      state.settings.disabledRules = withItem(state.settings.disabledRules, issue.rule_id);
      api.feedback({ rule_id: issue.rule_id, action: 'dismissed' });
      save();
      notify('status.ruleIgnored', { rule: ruleName(issue.rule_id) });
      render();
      focusNextCard(issue);
      markIssues();
    },
    /** @param {Issue} issue */
    addWord(issue) {
      state.settings.dictionary = withItem(state.settings.dictionary, issue.text);
      const doc = /** @type {NonNullable<typeof state.doc>} */ (state.doc);
      for (const other of state.issues) {
        if (other.rule_id === issue.rule_id && other.text === issue.text) state.ignored.add(occurrenceKey(doc.text, other));
      }
      api.feedback({ rule_id: issue.rule_id, action: 'ignored' });
      save();
      notify('status.wordAdded', { word: issue.text });
      render();
      focusNextCard(issue);
      markIssues();
    },
    /**
     * Set how to rewrite: tone, formality, length or instruction (typing does not redraw).
     * @template {'tone'|'formality'|'length'|'instruction'} K
     * @param {K} name @param {typeof state.rewrite[K]} value
     */
    setRewriteOption(name, value) {
      state.rewrite[name] = value;
      if (name !== 'instruction') render();
    },
    rewrite() {
      return run(
        'status.rewriting',
        async (signal) => {
          const selection = await readDocument();
          state.rewrite.streaming = '';
          const answer = await api.rewrite(
            { text: selection.text, ...rewriteOptions() },
            {
              signal,
              onDelta: (text) => {
                state.rewrite.streaming = text;
                render();
              },
            },
          );
          state.rewrite.streaming = null;
          state.rewrite.preview = { source: selection.text, rewritten: answer.rewritten, edits: answer.edits, warnings: answer.warnings };
          state.outcome = {
            kind: 'rewrite',
            whole: selection.whole,
            engine: answer.engine,
            degraded: answer.degraded,
            warnings: answer.warnings,
            incomplete: answer.incomplete,
            parts: 1,
          };
          announce(t('rewrite.preview'));
        },
        () => actions.rewrite(),
      ).finally(() => {
        if (state.rewrite.streaming !== null) {
          state.rewrite.streaming = null;
          render();
        }
      });
    },
    async applyRewrite() {
      const preview = state.rewrite.preview;
      if (!preview) return;
      const current = await host.read().catch(() => null);
      if (!current || current.text !== preview.source) {
        state.rewrite.preview = null;
        notify('status.rewriteStale');
        render();
        return;
      }
      const changes = preview.edits.map((edit) => ({
        start: edit.utf16_offset,
        end: edit.utf16_offset + edit.utf16_length,
        expected: edit.original,
        replacement: edit.replacement,
      }));
      try {
        await host.setTrackChanges?.(state.settings.trackChanges);
        const how = await host.applyRewrite(changes, preview.rewritten);
        notify(how === 'whole' ? 'status.rewriteWhole' : 'status.rewriteApplied');
      } catch (error) {
        state.error = { ...hostProblem(error), retry: null };
      }
      api.feedback({ rule_id: 'rewrite', action: 'applied', ...(state.rewrite.tone ? { tone: state.rewrite.tone } : {}) });
      // The checked text is gone: its cards no longer apply until the writer checks again.
      state.doc = null;
      state.issues = [];
      state.outcome = null;
      state.rewrite.preview = null;
      await host.clearMarks?.();
      render();
    },
    /** @param {string} text */
    async insertBelow(text) {
      try {
        await host.insertBelow(text);
        notify('status.inserted');
      } catch (error) {
        state.error = { ...hostProblem(error), retry: null };
      }
      render();
    },
    /** @param {string} text */
    async copy(text) {
      try {
        await navigator.clipboard.writeText(text);
        notify('status.copied');
      } catch {
        notify('status.copyFailed');
      }
      render();
    },
    /** @param {string} category @param {boolean} open */
    toggleGroup(category, open) {
      if (open) state.collapsed.delete(category);
      else state.collapsed.add(category);
    },
    /** @param {string} kind */
    toggleKind(kind) {
      const { kinds } = state.ideas;
      if (kinds.has(kind)) kinds.delete(kind);
      else kinds.add(kind);
      render();
    },
    getIdeas() {
      return run(
        'status.ideas',
        async (signal) => {
          const selection = await readDocument();
          const answer = await api.ideas({ text: selection.text, kinds: [...state.ideas.kinds], count: 2 }, signal);
          state.ideas.items = answer.ideas;
          announce(answer.ideas.length ? t('status.resultCount', { count: answer.ideas.length }) : t('ideas.none'));
        },
        () => actions.getIdeas(),
      );
    },
    /** @param {boolean} open */
    openSettings(open) {
      state.settingsOpen = open;
      render();
      /** @type {HTMLElement|null} */ (root.querySelector(open ? '[data-key="close-settings"]' : '[data-key="settings"]'))?.focus();
    },
    /** @param {string} word */
    removeWord(word) {
      state.settings.dictionary = withoutItem(state.settings.dictionary, word);
      save();
      render();
    },
    /** @param {string} rule */
    restoreRule(rule) {
      state.settings.disabledRules = withoutItem(state.settings.disabledRules, rule);
      save();
      render();
    },
    /** @param {string} key */
    saveKey(key) {
      state.settings.apiKey = key;
      save();
      notify('settings.saved');
      render();
    },
    /** @param {boolean} on */
    setTrackChanges(on) {
      state.settings.trackChanges = on;
      save();
      render();
    },
  };

  /** Show the visible issues in the document too, where the host can (Word's annotations). */
  async function markIssues() {
    if (!host.markIssues || !state.doc) return;
    await host.markIssues(shown(), (issueId, replacement) => {
      const issue = state.issues.find((candidate) => candidate.id === issueId);
      if (issue) actions.applyFix(issue, replacement);
    }).catch(() => {});
  }

  /** After a card goes away, keep the keyboard on the next one (or on Improve). @param {Issue} issue */
  function focusNextCard(issue) {
    const next = shown().find((candidate) => candidate.utf16_offset >= issue.utf16_offset) ?? shown().at(-1);
    const target = next
      ? root.querySelector(`[data-issue="${CSS.escape(next.id)}"] button`)
      : root.querySelector('[data-key="improve"]');
    /** @type {HTMLElement|null} */ (target)?.focus();
  }

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
  render();
  await Promise.all([
    api.tones().then((tones) => (state.tones = tones), () => {}),
    api.info().catch(() => {}),
  ]);
  render();
  return { state, actions };
}

/** What the pane says when the host failed to read or change the document. @param {unknown} error */
function hostProblem(error) {
  const reason = String(/** @type {any} */ (error)?.message || error);
  return new ApiProblem('error.host', { reason });
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
