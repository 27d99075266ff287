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
  if (!state.doc) return h('p', { class: 'empty' }, t(state.busy ? 'status.checking' : 'improve.hint'));
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
          'h2',
          { class: 'group-title', id: `group-${category}` },
          h('span', { class: `dot dot-${category}`, 'aria-hidden': 'true' }),
          t(`group.${category}`),
          h('span', { class: 'count' }, t('group.count', { count: groups[category].length })),
        ),
        h('ul', { class: 'cards' }, groups[category].map((issue) => card(state, t, actions, issue))),
      ),
    ),
  );
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
      h('mark', { class: `flag flag-${issue.category}` }, context.flagged || '\u2038'),
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
                class: index === 0 ? 'fix fix-first' : 'fix',
                type: 'button',
                'data-key': `${key}:fix:${index}`,
                'aria-label': replacement ? t('card.replaceWith', { text: replacement }) : `${t('card.delete')} ${issue.text.trim()}`,
                onclick: () => actions.applyFix(issue, replacement),
              },
              replacement || h('s', {}, issue.text),
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
