// @ts-check
/** The Ideas tab: which kinds of ideas to ask for, and the ideas as cards. */
import { h } from './dom.js';
import { IDEA_KINDS } from '../state.js';

/** @typedef {import('../state.js').State} State */
/** @typedef {import('../types.js').T} T */
/** @typedef {import('../types.js').Actions} Actions */

/** @param {State} state @param {T} t @param {Actions} actions */
export function ideasPanel(state, t, actions) {
  const { kinds, items } = state.ideas;
  return h(
    'div',
    { class: 'ideas' },
    h(
      'fieldset',
      { class: 'chips' },
      h('legend', {}, t('ideas.kinds')),
      IDEA_KINDS.map((kind) =>
        h(
          'button',
          { type: 'button', class: 'chip', 'data-key': `kind:${kind}`, 'aria-pressed': String(kinds.has(kind)), onclick: () => actions.toggleKind(kind) },
          t(`ideas.kind.${kind}`),
        ),
      ),
    ),
    h(
      'button',
      { type: 'button', class: 'secondary wide', 'data-key': 'get-ideas', disabled: Boolean(state.busy) || kinds.size === 0, onclick: () => actions.getIdeas() },
      t('ideas.button'),
    ),
    items === null
      ? h('p', { class: 'empty' }, t('ideas.empty'))
      : items.length === 0
        ? h('p', { class: 'empty' }, t('ideas.none'))
        : h(
            'ul',
            { class: 'cards' },
            items.map((idea, index) =>
              h(
                'li',
                { class: 'card idea' },
                h('p', { class: 'idea-kind' }, t(`ideas.kind.${idea.kind}`)),
                h('h3', { class: 'idea-title' }, idea.title),
                h('p', { class: 'idea-text' }, idea.text),
                h(
                  'div',
                  { class: 'row' },
                  h('button', { type: 'button', class: 'secondary small', 'data-key': `idea:${index}:insert`, onclick: () => actions.insertBelow(idea.text, 'idea') }, t('ideas.insert')),
                  h('button', { type: 'button', class: 'secondary small', 'data-key': `idea:${index}:copy`, onclick: () => actions.copy(idea.text) }, t('ideas.copy')),
                ),
              ),
            ),
          ),
  );
}
