// @ts-check
/** The Issues tab: what the check found, grouped Correctness / Clarity / Style, as cards. */
import { h } from './dom.js';
import { CATEGORIES, groupIssues, isSpelling, ruleName, sentenceAround } from '../state.js';

/**
 * @typedef {import('../state.js').State} State
 * @typedef {import('../hosts/host.js').Issue} Issue
 * @typedef {import('../types.js').T} T
 * @typedef {import('../types.js').Actions} Actions
 */

/** Cards drawn at first in a group; the rest behind "Show all" (a long document has hundreds). */
export const CARDS_SHOWN = 100;

/**
 * Cards drawn before, by everything they show: a card whose words, sentence and fixes are
 * the same is the same element, so a redraw (a check of another paragraph) leaves it be.
 * @type {Map<string, HTMLElement>}
 */
let drawnCards = new Map();

/**
 * @param {State} state
 * @param {T} t
 * @param {Actions} actions
 * @param {Issue[]} issues the issues to show (ignored ones already left out)
 * @param {{on: boolean, checking: boolean}} [live] whether checking as you write is on, and
 *   still on its way through the document
 */
export function issuesPanel(state, t, actions, issues, live = { on: false, checking: false }) {
  if (!state.doc) return null; // the hint under Improve, or the status line, says what to do
  const back =
    state.view === 'selection' && live.on
      ? h('p', { class: 'view-note' }, t('live.selectionView'), ' ', h('button', { type: 'button', class: 'link', 'data-key': 'show-document', onclick: () => actions.showDocument() }, t('live.showDocument')))
      : null;
  if (issues.length === 0) {
    return h('div', {}, back, h('p', { class: live.checking ? 'empty' : 'empty success' }, t(live.checking ? 'live.checkingEmpty' : 'status.noIssues')));
  }
  const groups = groupIssues(issues);
  const cards = new Map();
  const panel = h(
    'div',
    { class: 'groups' },
    back,
    CATEGORIES.filter((category) => groups[category].length).map((category) => {
      const all = groups[category];
      const shown = state.expanded.has(category) ? all : all.slice(0, CARDS_SHOWN);
      return h(
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
              h('span', { class: 'count' }, t('group.count', { count: all.length })),
            ),
          ),
          h('ul', { class: 'cards' }, shown.map((issue) => reusedCard(state, t, actions, issue, cards))),
          shown.length < all.length
            ? h('button', { type: 'button', class: 'link more', 'data-key': `more:${category}`, onclick: () => actions.showAllCards(category) }, t('group.showAll', { count: all.length }))
            : null,
        ),
      );
    }),
  );
  drawnCards = cards;
  return panel;
}

/**
 * The card of `issue`, the one drawn last time when it shows the same things.
 * @param {State} state @param {T} t @param {Actions} actions @param {Issue} issue @param {Map<string, HTMLElement>} cards
 */
function reusedCard(state, t, actions, issue, cards) {
  const text = /** @type {NonNullable<State['doc']>} */ (state.doc).text;
  const start = issue.utf16_offset;
  const context = sentenceAround(text, start, start + issue.utf16_length);
  const key = JSON.stringify([issue.id, issue.category, issue.message, issue.replacements, context]);
  let element = drawnCards.get(key) ?? card(t, actions, issue, context);
  if (cards.has(key)) element = card(t, actions, issue, context); // the same twice: two elements
  element.classList.toggle('revealed', state.revealed === issue.id);
  cards.set(key, element);
  return element;
}

/**
 * The flagged words marked, with the spaces around them left outside the mark.
 * @param {string} flagged @param {string} category
 */
function marked(flagged, category) {
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(flagged) || ['', '', flagged, ''];
  return [lead, h('mark', { class: `flag flag-${category}` }, core || '\u2038'), trail];
}

/**
 * @param {T} t @param {Actions} actions @param {Issue} issue
 * @param {{before: string, flagged: string, after: string}} context
 */
function card(t, actions, issue, context) {
  const key = `${issue.id}`;
  const fixes = issue.replacements.slice(0, 5);
  const spelling = isSpelling(issue);
  return h(
    'li',
    {
      class: `card card-${issue.category}`,
      'data-issue': issue.id,
      onmouseenter: () => actions.highlight(issue.id),
      onmouseleave: () => actions.highlight(null),
    },
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
