// @ts-check
/** Settings: the dictionary, ignored rules, the access key and tracked changes. */
import { withoutItem } from '../state.js';

/** @typedef {import('../types.js').Context} Context */

/** @param {Context} ctx */
export function settingsActions(ctx) {
  const { state, root } = ctx;
  /** Change a setting, keep it for this user, redraw. @param {() => void} change */
  const update = (change) => {
    change();
    ctx.save();
    ctx.render();
  };
  return {
    /** @param {boolean} open */
    openSettings(open) {
      state.settingsOpen = open;
      ctx.render();
      /** @type {HTMLElement|null} */ (root.querySelector(open ? '[data-key="close-settings"]' : '[data-key="settings"]'))?.focus();
    },
    /** @param {string} word */
    removeWord(word) {
      update(() => (state.settings.dictionary = withoutItem(state.settings.dictionary, word)));
      ctx.live.settingsChanged({ recheck: true });
    },
    /** @param {string} rule */
    restoreRule(rule) {
      update(() => (state.settings.disabledRules = withoutItem(state.settings.disabledRules, rule)));
      ctx.live.settingsChanged({ recheck: true });
    },
    /** @param {string} key */
    saveKey(key) {
      update(() => {
        state.settings.apiKey = key;
        ctx.notify('settings.saved');
      });
      ctx.live.resume();
    },
    /** @param {boolean} on */
    setTrackChanges(on) {
      update(() => (state.settings.trackChanges = on));
    },
  };
}
