// @ts-check
/**
 * Entry point: choose the host (?host=word|gdocs|browser, the page's data-host, or Office
 * when it is there), the language, and the server (the host's, when it was told one, else the
 * origin these modules came from), then start the pane.
 */
import { startApp } from './app.js';
import { reasonOf } from './api.js';
import { pickLanguage, translator } from './i18n/index.js';

/** The server's base URL as where this module was loaded from (when the host was not told it). */
function serverBase() {
  return import.meta.url.replace(/taskpane\/.*$/, '');
}

/** @returns {string} */
function hostName() {
  const asked = new URLSearchParams(window.location.search).get('host') || document.documentElement.dataset.host;
  if (asked === 'word' || asked === 'gdocs' || asked === 'browser' || asked === 'outlook') return asked;
  const loaded = /** @type {{Office?: {context?: {mailbox?: unknown}}, google?: {script?: {run?: unknown}}}} */ (window);
  if (loaded.Office?.context?.mailbox) return 'outlook';
  if (loaded.Office) return 'word';
  if (loaded.google?.script?.run) return 'gdocs';
  return 'browser';
}

/**
 * @param {string} name
 * @param {(key: string) => string} t
 * @returns {Promise<import('./hosts/host.js').Host>}
 */
async function createHost(name, t) {
  if (name === 'word') return (await import('./hosts/word.js')).createWordHost();
  if (name === 'outlook') return (await import('./hosts/outlook.js')).createOutlookHost();
  if (name === 'gdocs') return (await import('./hosts/gdocs.js')).createGdocsHost();
  const { createBrowserHost } = await import('./hosts/browser.js');
  return createBrowserHost({ container: /** @type {HTMLElement} */ (document.getElementById('document')), t });
}

/**
 * Light or dark: the host's theme when it has one (Office's), else the system's, followed live.
 * @param {import('./hosts/host.js').Theme|undefined} theme
 */
function applyTheme(theme) {
  const html = document.documentElement;
  if (theme) {
    html.dataset.theme = isDark(theme.background) ? 'dark' : 'light';
    html.style.setProperty('--bg', theme.background);
    html.style.setProperty('--text', theme.foreground);
    return;
  }
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const follow = () => (html.dataset.theme = dark.matches ? 'dark' : 'light');
  follow();
  dark.addEventListener('change', follow);
}

/** True for a dark CSS hex colour ("#1f1f1f"). @param {string} colour */
function isDark(colour) {
  const hex = colour.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16) || 0);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

async function main() {
  const root = /** @type {HTMLElement} */ (document.getElementById('app'));
  const name = hostName();
  document.documentElement.dataset.host = name;
  const browserLanguage = pickLanguage([...navigator.languages, navigator.language]);
  let host;
  try {
    host = await createHost(name, translator(browserLanguage));
  } catch (error) {
    // Office.js or Apps Script did not load: say so in words rather than show a blank pane.
    const message = document.createElement('p');
    message.className = 'status error';
    message.setAttribute('role', 'alert');
    message.textContent = translator(browserLanguage)('error.start', { host: name, reason: reasonOf(error) });
    root.replaceChildren(message);
    return;
  }
  applyTheme(host.theme);
  // The document beside the pane shares the page with it (styles.css lays them side by side).
  if (host.documentOnPage) document.documentElement.dataset.layout = 'beside';
  const language = pickLanguage([host.language, ...navigator.languages, navigator.language]);
  const table = translator(language);
  const wording = host.wording ?? {};
  /** @type {typeof table} */
  const t = (key, params) => table(wording[key] ?? key, params);
  const { actions } = await startApp({
    root,
    host,
    server: host.server ?? serverBase(),
    t,
    language,
    iconUrl: new URL('./assets/icon-32.png', import.meta.url).href,
  });
  if (host.checkOnOpen) actions.improve();
}

main();
