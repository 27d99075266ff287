// @ts-check
/** Settings: the writer's dictionary, the rules they ignore, and an access key. */
import { h } from './dom.js';
import { ruleName } from '../state.js';

/** @typedef {import('../state.js').State} State */
/** @typedef {import('../types.js').T} T */
/** @typedef {import('../types.js').Actions} Actions */

/**
 * @param {State} state @param {T} t @param {Actions} actions
 * @param {{canCheckLive: boolean}} host what the host can do
 */
export function settingsPanel(state, t, actions, host) {
  const { dictionary, disabledRules, apiKey } = state.settings;
  return h(
    'section',
    { class: 'settings', role: 'region', 'aria-labelledby': 'settings-title' },
    h(
      'div',
      { class: 'settings-head' },
      h('h2', { id: 'settings-title' }, t('settings.title')),
      h('button', { type: 'button', class: 'link', 'data-key': 'close-settings', onclick: () => actions.openSettings(false) }, t('settings.close')),
    ),
    host.canCheckLive ? liveSwitch(state, t, actions) : null,
    list(t, 'settings.dictionary', 'settings.dictionaryEmpty', dictionary, (word) => word, actions.removeWord, 'word'),
    list(t, 'settings.ignoredRules', 'settings.ignoredRulesEmpty', disabledRules, ruleName, actions.restoreRule, 'rule'),
    h(
      'form',
      {
        class: 'field',
        onsubmit: (/** @type {SubmitEvent} */ event) => {
          event.preventDefault();
          const input = /** @type {HTMLInputElement} */ (/** @type {HTMLFormElement} */ (event.target).elements.namedItem('key'));
          actions.saveKey(input.value.trim());
        },
      },
      h('label', { for: 'api-key', class: 'field-label' }, t('settings.apiKey')),
      h('p', { class: 'hint' }, t('settings.apiKeyHint')),
      h(
        'div',
        { class: 'row' },
        h('input', { id: 'api-key', name: 'key', type: 'password', autocomplete: 'off', 'data-key': 'api-key', value: apiKey }),
        h('button', { type: 'submit', class: 'secondary small', 'data-key': 'save-key' }, t('settings.save')),
      ),
    ),
  );
}

/**
 * @param {T} t @param {string} title @param {string} empty @param {string[]} items
 * @param {(item: string) => string} label @param {(item: string) => void} remove @param {string} kind
 */
function list(t, title, empty, items, label, remove, kind) {
  return h(
    'div',
    { class: 'setting-list' },
    h('h3', {}, t(title)),
    items.length
      ? h(
          'ul',
          { class: 'tags' },
          items.map((item) =>
            h(
              'li',
              { class: 'tag' },
              h('span', {}, label(item)),
              h('button', { type: 'button', class: 'tag-remove', 'data-key': `${kind}:${item}`, 'aria-label': t('settings.remove', { item: label(item) }), onclick: () => remove(item) }, '×'),
            ),
          ),
        )
      : h('p', { class: 'hint' }, t(empty)),
  );
}

/**
 * The switch for checking as you write: on or off for this writer, unless the organisation
 * switched it off for everyone.
 * @param {State} state @param {T} t @param {Actions} actions
 */
function liveSwitch(state, t, actions) {
  const disabled = state.live.server === 'disabled';
  const on = !disabled && (state.settings.liveCheck ?? state.live.server === 'on');
  return h(
    'div',
    { class: 'field switch' },
    h(
      'label',
      { class: 'switch-label' },
      h('input', {
        type: 'checkbox',
        role: 'switch',
        'data-key': 'live-check',
        checked: on,
        disabled,
        'aria-describedby': 'live-check-hint',
        onchange: (/** @type {Event} */ event) => actions.setLiveCheck(/** @type {HTMLInputElement} */ (event.target).checked),
      }),
      h('span', {}, t('settings.liveCheck')),
    ),
    h('p', { class: 'hint', id: 'live-check-hint' }, t(disabled ? 'settings.liveCheckDisabled' : 'settings.liveCheckHint')),
  );
}
