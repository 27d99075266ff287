// @ts-check
/**
 * Entry point: choose the host (?host=word|gdocs|browser, the page's data-host, or Office
 * when it is there), the language, and the server (the origin these modules came from, or
 * the page's data-api), then start the pane.
 */
import { startApp } from './app.js';
import { pickLanguage, translator } from './i18n/index.js';

/** The server's base URL: the page's data-api, else where this module was loaded from. */
function serverBase() {
  const given = document.documentElement.dataset.api;
  if (given) return given.endsWith('/') ? given : `${given}/`;
  return import.meta.url.replace(/taskpane\/.*$/, '');
}

/** @returns {string} */
function hostName() {
  const asked = new URLSearchParams(window.location.search).get('host') || document.documentElement.dataset.host;
  if (asked === 'word' || asked === 'gdocs' || asked === 'browser') return asked;
  if (/** @type {any} */ (window).Office) return 'word';
  if (/** @type {any} */ (window).google?.script?.run) return 'gdocs';
  return 'browser';
}

/**
 * @param {string} name
 * @param {(key: string) => string} t
 * @returns {Promise<import('./hosts/host.js').Host>}
 */
async function createHost(name, t) {
  if (name === 'word') return (await import('./hosts/word.js')).createWordHost();
  if (name === 'gdocs') return (await import('./hosts/gdocs.js')).createGdocsHost();
  const { createBrowserHost } = await import('./hosts/browser.js');
  return createBrowserHost({ container: /** @type {HTMLElement} */ (document.getElementById('document')), t });
}

async function main() {
  const root = /** @type {HTMLElement} */ (document.getElementById('app'));
  const name = hostName();
  document.documentElement.dataset.host = name;
  const browserLanguage = pickLanguage([...navigator.languages, navigator.language]);
  const host = await createHost(name, translator(browserLanguage));
  const language = pickLanguage([host.language, ...navigator.languages, navigator.language]);
  const t = translator(language);
  await startApp({
    root,
    host,
    server: serverBase(),
    t,
    language,
    iconUrl: new URL('./assets/icon-32.png', import.meta.url).href,
  });
}

main();
