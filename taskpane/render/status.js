// @ts-check
/** The status line: progress with Cancel, an error with Retry, or what the last answer said. */
import { h } from './dom.js';

/** @typedef {import('../state.js').State} State */
/** @typedef {import('../types.js').T} T */
/** @typedef {import('../types.js').Actions} Actions */

/** Warnings the pane says in its own words; any other code shows the server's message. */
const KNOWN_WARNINGS = new Set([
  'language-not-checked',
  'tone-not-available-locally',
  'tone-partly-available-locally',
  'tone-no-change',
  'length-not-available-locally',
  'instruction-needs-a-model',
  'llm-unreachable',
  'llm-timeout',
  'llm-rate-limited',
  'llm-server-error',
  'llm-auth-failed',
  'llm-invalid-output',
  'llm-context-too-long',
  'llm-failed',
  'llm-rejected',
  'llm-unavailable',
  'llm-budget-spent',
  'llm-busy',
  'llm-deadline',
  'llm-slow',
  'pii-placeholder-dropped',
  'no-content',
]);

/**
 * A warning in the pane's language.
 * @param {T} t @param {{code: string, message: string}} warning
 */
export function warningText(t, warning) {
  return KNOWN_WARNINGS.has(warning.code) ? t(`warning.${warning.code}`) : t('warning.generic', { message: warning.message });
}

/** @param {State} state @param {T} t @param {Actions} actions */
export function statusLine(state, t, actions) {
  if (state.busy) {
    return h(
      'div',
      { class: 'status busy' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }),
      h('span', { class: 'status-text' }, t(state.busy.key)),
      h('button', { type: 'button', class: 'link', 'data-key': 'cancel', onclick: () => actions.cancel() }, t('improve.cancel')),
    );
  }
  if (state.error) {
    const { retry } = state.error;
    return h(
      'div',
      { class: 'status error', role: 'alert' },
      h('span', { class: 'status-text' }, t(state.error.key, state.error.params)),
      retry ? h('button', { type: 'button', class: 'secondary small', 'data-key': 'retry', onclick: retry }, t('improve.retry')) : null,
    );
  }
  const lines = [];
  if (state.notice) lines.push(h('p', { class: 'notice' }, t(state.notice.key, state.notice.params)));
  const { outcome } = state;
  if (outcome) {
    const scope = {
      check: { whole: 'status.checked.whole', selection: 'status.checked.selection' },
      rewrite: { whole: 'status.rewrote.whole', selection: 'status.rewrote.selection' },
    }[outcome.kind];
    const facts = [t(outcome.whole ? scope.whole : scope.selection)];
    if (outcome.parts > 1) facts.push(t('status.parts', { count: outcome.parts }));
    facts.push(t(outcome.degraded ? 'status.degraded' : outcome.engine === 'local' ? 'status.engineLocal' : 'status.engineModel'));
    if (outcome.incomplete) facts.push(t('status.incomplete'));
    // One span per sentence: the gap between them is the stylesheet's, right in every language.
    lines.push(h('p', { class: outcome.degraded ? 'facts warn' : 'facts' }, facts.map((fact) => h('span', {}, fact))));
    for (const warning of outcome.warnings) lines.push(h('p', { class: 'facts warn' }, warningText(t, warning)));
  }
  const live = liveLine(state, t);
  if (live) lines.push(live);
  return lines.length ? h('div', { class: 'status' }, lines) : null;
}

/**
 * What checking as you write is doing, when there is something to say: its progress through
 * a long document, a pause while the server is away, or why a paragraph was left out.
 * @param {State} state @param {T} t
 */
function liveLine(state, t) {
  const { state: doing, note, params = {} } = state.live.status;
  if (note) {
    const calm = doing === 'idle';
    return h('p', { class: calm ? 'live' : 'live warn', 'data-live': doing }, t(note, params));
  }
  if (doing === 'checking') {
    return h('p', { class: 'live', 'data-live': doing }, h('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('live.checking', params));
  }
  if (doing === 'idle') return h('p', { class: 'live', 'data-live': doing }, t('live.on'));
  return null;
}
