// @ts-check
/** The pane's languages: pick one for the writer, then look strings up by key. */
import en from './en.js';
import zhCN from './zh-CN.js';

/** @type {Record<string, string>} */
const ENGLISH = en;

/** @type {Record<string, Record<string, string>>} */
export const TABLES = { en, 'zh-CN': zhCN };

/**
 * The first supported language among the writer's preferences ("zh-Hans-CN" → zh-CN).
 * @param {readonly (string|undefined)[]} preferred BCP 47 tags, most preferred first
 * @returns {string}
 */
export function pickLanguage(preferred) {
  for (const tag of preferred) {
    const lower = (tag || '').toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * A translator for `language`: t(key, {name: value}) fills `{name}` in the string.
 * A key missing from a table falls back to English (a test keeps the tables complete).
 * @param {string} language
 * @returns {import('../types.js').T}
 */
export function translator(language) {
  const table = TABLES[language] || ENGLISH;
  return (key, params = {}) => {
    const template = table[key] ?? ENGLISH[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
  };
}
