// @ts-check
/**
 * The Authorship tab: how much of the document (or selection) a model wrote, how much was
 * edited with Penwise and how much Penwise did not record; the passages, each selecting its
 * text when clicked; Copy report and Remove marks (asked first, and never where the
 * organisation requires the marks).
 */
import { h } from './dom.js';
import { countedChars, passageWords, shares } from '../authorship/marks.js';

/** @typedef {import('../state.js').State} State */
/** @typedef {import('../authorship/marks.js').Passage} Passage */
/** @typedef {import('../types.js').T} T */
/** @typedef {import('../types.js').Actions} Actions */

const SHARES = /** @type {const} */ (['model', 'edited', 'other']);
const SNIPPET_CHARS = 140;

/** @param {State} state @param {T} t @param {Actions} actions */
export function authorshipPanel(state, t, actions) {
  const { reading } = state.authorship;
  if (!reading) {
    return h('div', { class: 'authorship' }, h('p', { class: 'empty' }, t('authorship.notRead')), readingControls(state, t, actions));
  }
  const { percent, total } = shares(reading);
  const passages = reading.passages.filter((passage) => countedChars(passage) > 0);
  return h(
    'div',
    { class: 'authorship' },
    h(
      'section',
      { class: 'shares', 'aria-labelledby': 'shares-title' },
      h('h2', { id: 'shares-title' }, t(`authorship.scope.${reading.scope}`, { chars: total.toLocaleString() })),
      h(
        'div',
        { class: 'share-bar', 'aria-hidden': 'true' },
        SHARES.map((share) => {
          const part = h('span', { class: `share-${share}` });
          part.style.width = `${percent[share]}%`;
          return part;
        }),
      ),
      h(
        'ul',
        { class: 'share-list' },
        SHARES.map((share) =>
          h(
            'li',
            { class: 'share', 'data-share': share },
            h('span', { class: `swatch share-${share}`, 'aria-hidden': 'true' }),
            h('span', { class: 'share-label' }, t(`authorship.${share}`)),
            h('span', { class: 'share-percent' }, t('authorship.percent', { percent: percent[share] })),
            share === 'other' ? h('span', { class: 'hint share-hint' }, t('authorship.otherHint')) : null,
          ),
        ),
      ),
    ),
    readingControls(state, t, actions),
    state.authorship.report === null
      ? null
      : h('textarea', {
          class: 'report-text',
          'data-key': 'report-text',
          readonly: true,
          // Every line in sight, with room for the longer ones to wrap in a narrow pane.
          rows: state.authorship.report.split('\n').length + 4,
          'aria-label': t('authorship.reportLabel'),
          value: state.authorship.report,
        }),
    h(
      'section',
      { class: 'passages', 'aria-labelledby': 'passages-title' },
      h('h3', { id: 'passages-title' }, t('authorship.passages')),
      passages.length
        ? h('ul', { class: 'cards' }, passages.map((passage, index) => passageCard(passage, index, t, actions)))
        : h('p', { class: 'empty' }, t('authorship.noPassages')),
    ),
    removal(state, t, actions),
    h('p', { class: 'hint honesty' }, t('authorship.honesty')),
  );
}

/**
 * Update (read the marks again) and Copy report.
 * @param {State} state @param {T} t @param {Actions} actions
 */
function readingControls(state, t, actions) {
  const busy = Boolean(state.busy);
  return h(
    'div',
    { class: 'row' },
    h('button', { type: 'button', class: 'secondary', 'data-key': 'update-authorship', disabled: busy, onclick: () => actions.refreshAuthorship() }, t('authorship.update')),
    h('button', { type: 'button', class: 'secondary', 'data-key': 'copy-report', disabled: busy || !state.authorship.reading, onclick: () => actions.copyReport() }, t('authorship.copy')),
  );
}

/**
 * Remove marks, the question it asks first, or why the writer cannot (their organisation).
 * @param {State} state @param {T} t @param {Actions} actions
 */
function removal(state, t, actions) {
  const { reading, confirming, marks } = state.authorship;
  if (marks === 'required') return h('p', { class: 'hint', 'data-key': 'marks-required' }, t('authorship.required'));
  if (!reading?.passages.length) return null;
  if (!confirming) {
    return h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'secondary', 'data-key': 'remove-marks', disabled: Boolean(state.busy), onclick: () => actions.askRemoveMarks() }, t('authorship.remove')),
    );
  }
  return h(
    'div',
    { class: 'confirm', role: 'group', 'aria-labelledby': 'confirm-text' },
    h('p', { id: 'confirm-text' }, t('authorship.confirm')),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'danger', 'data-key': 'confirm-remove', disabled: Boolean(state.busy), onclick: () => actions.removeMarks() }, t('authorship.confirmRemove')),
      h('button', { type: 'button', class: 'secondary', 'data-key': 'keep-marks', onclick: () => actions.keepMarks() }, t('authorship.keep')),
    ),
  );
}

/**
 * One passage: who wrote it, how and when, and its words; a click selects it in the document.
 * @param {Passage} passage @param {number} index @param {T} t @param {Actions} actions
 */
function passageCard(passage, index, t, actions) {
  const { mark } = passage;
  const words = passageWords(passage);
  const snippet = words.length > SNIPPET_CHARS ? `${words.slice(0, SNIPPET_CHARS).trimEnd()}…` : words;
  return h(
    'li',
    { class: `card passage passage-${mark.kind}` },
    h(
      'button',
      {
        type: 'button',
        class: 'passage-button',
        'data-key': `passage:${index}`,
        title: t('authorship.select'),
        onclick: () => actions.selectPassage(passage.id),
      },
      h('span', { class: 'passage-kind' }, t(`authorship.${mark.kind}`)),
      h('span', { class: 'passage-meta' }, details(passage, t).join(' · ')),
      h('span', { class: 'passage-text' }, snippet),
    ),
  );
}

/** Who wrote a passage, how and when, as far as its mark says. @param {Passage} passage @param {T} t */
function details({ mark, comment }, t) {
  const facts = [
    mark.kind === 'model'
      ? mark.model
        ? t('authorship.by.model', { model: mark.model })
        : t('authorship.by.unknownModel')
      : t('authorship.by.local'),
  ];
  if (mark.operation) facts.push(t(`authorship.operation.${mark.operation}`));
  if (mark.tone) facts.push(t(`tone.${mark.tone}`));
  if (typeof mark.at === 'string') facts.push(mark.at.slice(0, 10));
  if (comment) facts.push(t('authorship.comment'));
  return facts;
}
