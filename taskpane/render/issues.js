// @ts-check
/** The Issues tab: what the check found, grouped Correctness / Clarity / Style, as cards. */
import { h } from './dom.js';
import { CATEGORIES, groupIssues, ruleName, sentenceAround } from '../state.js';

/**
 * @typedef {import('../state.js').State} State
 * @typedef {import('../hosts/host.js').Issue} Issue
 * @typedef {(key: string, params?: Record<string, string|number>) => string} T
 */

/**
 * @param {State} state
 * @param {T} t
 * @param {any} actions
 * @param {Issue[]} issues the issues to show (ignored ones already left out)
 */
export function issuesPanel(state, t, actions, issues) {
  if (!state.doc) return null; // the hint under Improve, or the status line, says what to do
  if (issues.length === 0) return h('p', { class: 'empty success' }, t('status.noIssues'));
  const groups = groupIssues(issues);
  return h(
    'div',
    { class: 'groups' },
    CATEGORIES.filter((category) => groups[category].length).map((category) =>
      h(
        'section',
        { class: `group group-${category}`, 'aria-labelledby': `group-${category}` },
        h(
          'details',
          { open: !state.collapsed.has(category), ontoggle: (/** @type {Event} */ event) => actions.toggleGroup(category, /** @type {HTMLDetailsElement} */ (event.target).open) },
          h(
            'summary',
            { 'data-key': `group:${category}` },
            h(
              'h2',
              { class: 'group-title', id: `group-${category}` },
              h('span', { class: `dot dot-${category}`, 'aria-hidden': 'true' }),
              t(`group.${category}`),
              h('span', { class: 'count' }, t('group.count', { count: groups[category].length })),
            ),
          ),
          h('ul', { class: 'cards' }, groups[category].map((issue) => card(state, t, actions, issue))),
        ),
      ),
    ),
  );
}

/**
 * The flagged words marked, with the spaces around them left outside the mark.
 * @param {string} flagged @param {string} category
 */
function marked(flagged, category) {
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(flagged) || ['', '', flagged, ''];
  return [lead, h('mark', { class: `flag flag-${category}` }, core || '\u2038'), trail];
}

/** @param {State} state @param {T} t @param {any} actions @param {Issue} issue */
function card(state, t, actions, issue) {
  const text = /** @type {NonNullable<State['doc']>} */ (state.doc).text;
  const start = issue.utf16_offset;
  const context = sentenceAround(text, start, start + issue.utf16_length);
  const key = `${issue.id}`;
  const fixes = issue.replacements.slice(0, 5);
  const spelling = issue.rule_id.endsWith('SpellCheck') || /spell/i.test(String(/** @type {any} */ (issue).kind || ''));
  return h(
    'li',
    { class: `card card-${issue.category}`, 'data-issue': issue.id },
    h('p', { class: 'message' }, issue.message),
    h(
      'p',
      { class: 'context', title: t('card.context') },
      context.before,
      ...marked(context.flagged, issue.category),
      context.after,
    ),
    fixes.length
      ? h(
          'div',
          { class: 'fixes' },
          fixes.map((replacement, index) =>
            h(
              'button',
              {
                class: `fix${index === 0 ? ' fix-first' : ''}${replacement ? '' : ' fix-delete'}`,
                type: 'button',
                'data-key': `${key}:fix:${index}`,
                'aria-label': replacement ? t('card.replaceWith', { text: replacement }) : null,
                onclick: () => actions.applyFix(issue, replacement),
              },
              replacement || t('card.deleteText', { text: issue.text.trim() }),
            ),
          ),
        )
      : h('p', { class: 'nofix' }, t('card.noFix')),
    h(
      'div',
      { class: 'card-actions' },
      h('button', { class: 'link', type: 'button', 'data-key': `${key}:ignore`, onclick: () => actions.ignore(issue) }, t('card.ignore')),
      h(
        'button',
        {
          class: 'link',
          type: 'button',
          'data-key': `${key}:rule`,
          title: ruleName(issue.rule_id),
          onclick: () => actions.ignoreRule(issue),
        },
        t('card.ignoreRule'),
      ),
      spelling
        ? h('button', { class: 'link', type: 'button', 'data-key': `${key}:word`, onclick: () => actions.addWord(issue) }, t('card.addWord'))
        : null,
    ),
  );
}
