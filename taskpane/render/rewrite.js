// @ts-check
/** The Rewrite tab: tone chips, formality and length, an instruction, and a diff preview. */
import { h } from './dom.js';
import { diffRuns } from '../state.js';

/** @typedef {import('../state.js').State} State */
/** @typedef {import('../types.js').T} T */
/** @typedef {import('../types.js').Actions} Actions */

const LENGTHS = /** @type {const} */ (['shorter', 'same', 'longer']);

/**
 * @param {State} state @param {T} t @param {Actions} actions
 * @param {{canTrackChanges: boolean}} host
 */
export function rewritePanel(state, t, actions, host) {
  const { rewrite } = state;
  return h(
    'div',
    { class: 'rewrite' },
    h(
      'fieldset',
      { class: 'chips' },
      h('legend', {}, t('rewrite.tone')),
      [{ name: '', description: t('rewrite.noTone') }, ...state.tones].map((tone) =>
        h(
          'button',
          {
            type: 'button',
            class: 'chip',
            'data-key': `tone:${tone.name}`,
            'aria-pressed': String((rewrite.tone || '') === tone.name),
            title: tone.name ? tone.description : null,
            onclick: () => actions.setRewriteOption('tone', tone.name || null),
          },
          tone.name ? t(`tone.${tone.name}`) : t('rewrite.noTone'),
        ),
      ),
    ),
    slider(t, 'formality', rewrite.formality + 2, 4, t(`rewrite.formality.${rewrite.formality}`), (value) =>
      actions.setRewriteOption('formality', value - 2),
    ),
    slider(t, 'length', LENGTHS.indexOf(rewrite.length), 2, t(`rewrite.length.${rewrite.length}`), (value) =>
      actions.setRewriteOption('length', LENGTHS[value]),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', { class: 'field-label' }, t('rewrite.instruction')),
      h('textarea', {
        rows: 2,
        maxlength: 300,
        'data-key': 'instruction',
        placeholder: t('rewrite.instructionPlaceholder'),
        value: rewrite.instruction,
        oninput: (/** @type {Event} */ event) => actions.setRewriteOption('instruction', /** @type {HTMLTextAreaElement} */ (event.target).value),
      }),
    ),
    h(
      'button',
      { type: 'button', class: 'secondary wide', 'data-key': 'rewrite', disabled: Boolean(state.busy), onclick: () => actions.rewrite() },
      t('rewrite.button'),
    ),
    preview(state, t, actions),
    host.canTrackChanges
      ? h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            'data-key': 'track',
            checked: state.settings.trackChanges,
            onchange: (/** @type {Event} */ event) => actions.setTrackChanges(/** @type {HTMLInputElement} */ (event.target).checked),
          }),
          t('rewrite.trackChanges'),
        )
      : null,
  );
}

/**
 * A labelled range input whose current value is also said in words.
 * @param {T} t @param {string} name @param {number} value @param {number} max @param {string} said
 * @param {(value: number) => void} onChange
 */
function slider(t, name, value, max, said, onChange) {
  const id = `slider-${name}`;
  return h(
    'div',
    { class: 'field slider' },
    h('label', { for: id, class: 'field-label' }, t(`rewrite.${name}`), h('output', { for: id }, said)),
    h('input', {
      id,
      type: 'range',
      min: 0,
      max,
      step: 1,
      value,
      'data-key': id,
      'aria-valuetext': said,
      onchange: (/** @type {Event} */ event) => onChange(Number(/** @type {HTMLInputElement} */ (event.target).value)),
    }),
  );
}

/** @param {State} state @param {T} t @param {Actions} actions */
function preview(state, t, actions) {
  const { streaming, preview: shown } = state.rewrite;
  if (streaming !== null) {
    return h('section', { class: 'preview', 'aria-busy': 'true' }, h('h2', {}, t('rewrite.preview')), h('p', { class: 'diff' }, streaming));
  }
  if (!shown) return h('p', { class: 'empty' }, t('rewrite.empty'));
  const runs = diffRuns(shown.source, shown.edits);
  return h(
    'section',
    { class: 'preview', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title' }, t('rewrite.preview')),
    h('p', { class: 'hint' }, shown.edits.length ? t('rewrite.previewHint') : t('rewrite.noChanges')),
    h(
      'p',
      { class: 'diff' },
      runs.map((run) => (run.type === 'same' ? run.text : h(run.type, {}, run.text))),
    ),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'primary', 'data-key': 'apply-rewrite', disabled: !shown.edits.length, onclick: () => actions.applyRewrite() }, t('rewrite.replace')),
      h('button', { type: 'button', class: 'secondary', 'data-key': 'insert-rewrite', onclick: () => actions.insertBelow(shown.rewritten, 'rewrite') }, t('rewrite.insertBelow')),
      h('button', { type: 'button', class: 'secondary', 'data-key': 'copy-rewrite', onclick: () => actions.copy(shown.rewritten) }, t('rewrite.copy')),
    ),
  );
}
