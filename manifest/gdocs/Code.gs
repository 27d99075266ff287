/**
 * Penwise for Google Docs: the Apps Script half of the editor add-on. This file: the menu,
 * Google's sidebar that holds the task pane, and what the task pane asks to start (the
 * server, and the --server-side call).
 *
 * The task pane (Sidebar.html loads it from the Penwise server into Google's sidebar) calls
 * the project's functions through google.script.run. The project's files, one per concern, share
 * one global scope: Apps Script runs every file's top level, in the editor's order, before
 * the function called. Each file's top level only declares functions and constants made of
 * literals, so no file depends on another having run first (a test loads each one alone).
 *
 * - Code.gs        the menu, the task pane's sidebar, the server (this file)
 * - Settings.gs    the writer's settings, kept in their user properties
 * - Reading.gs     the selection read as text, with a map from its offsets back to the document
 * - Editing.gs     the task pane's edits, placed through that map
 * - Elements.gs    paths from the body to an element, and the element helpers the others use
 * - Live.gs        checking as you write
 * - Authorship.gs  who wrote what: marks around the text Penwise put in
 *
 * These files are templates: `addin-server export gdocs` renders them. Keep the logic in plain
 * functions; tests/pane/unit/code_gs.test.mjs runs them under Node with a stand-in DocumentApp,
 * and `make test` type-checks them, strict, against Google's @types/google-apps-script
 * (typecheck/apps-script.json).
 */

/**
 * Add the Penwise menu with its Improve item (also runs on install).
 * @param {unknown} [e] The open or install event (unused).
 */
function onOpen(e) {
  DocumentApp.getUi().createAddonMenu().addItem('Improve', 'showSidebar').addToUi();
}

/**
 * Run onOpen right after the add-on is installed, so the menu shows without a reload.
 * @param {unknown} [e] The install event.
 */
function onInstall(e) {
  onOpen(e);
}

/**
 * Open the task pane in Google's sidebar. HtmlService ignores <meta> tags written in the page, so the
 * viewport is set here (HtmlOutput.addMetaTag, which allows "viewport").
 */
function showSidebar() {
  const page = HtmlService.createHtmlOutputFromFile('Sidebar')
    .setTitle('Penwise')
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
  DocumentApp.getUi().showSidebar(page);
}

/** The Penwise server this project was exported for. */
const PENWISE_URL = '{{URL}}/';

/**
 * What the task pane needs to start, asked through google.script.run: the server's URL, and
 * whether it reaches the server itself ('fetch') or through callPenwise ('apps-script', the
 * --server-side export, the only one that has callPenwise). The name stays: task panes of
 * every version call it, in projects exported before and after.
 */
function getSidebarConfig() {
  return { api: PENWISE_URL, transport: typeof callPenwise === 'function' ? 'apps-script' : 'fetch' };
}

//{{#server-side}}
/**
 * Call the Penwise API from Google's servers with the script's API key; answer the response.
 * @param {string} path @param {string|object|null} payload @param {string|null} [accept]
 * @returns { {status: number, contentType: string, body: string} }
 */
function callPenwise(path, payload, accept) {
  // The task pane may name the resource by its full URL or by its path below the server's.
  let relative = String(path);
  relative = relative.indexOf(PENWISE_URL) === 0 ? relative.slice(PENWISE_URL.length) : relative.replace(/^\/+/, '');
  // The key goes with every call, so the path may only name a resource on our server.
  if (!/^[A-Za-z0-9_\-./]*(\?[A-Za-z0-9_\-.~=&%+]*)?$/.test(relative) || relative.includes('..')) {
    throw new Error('Penwise: not an API path: ' + path);
  }
  const key = PropertiesService.getScriptProperties().getProperty('PENWISE_API_KEY');
  /** @type {GoogleAppsScript.URL_Fetch.HttpHeaders} */
  const headers = { Accept: accept === 'text/event-stream' ? accept : 'application/json' };
  if (key) headers.Authorization = 'Bearer ' + key;
  /** @type {GoogleAppsScript.URL_Fetch.URLFetchRequestOptions} */
  const options = { method: payload == null ? 'get' : 'post', muteHttpExceptions: true, headers };
  if (payload != null) {
    options.contentType = 'application/json';
    options.payload = typeof payload === 'string' ? payload : JSON.stringify(payload);
  }
  const response = UrlFetchApp.fetch(PENWISE_URL + relative, options);
  const answered = /** @type {Record<string, unknown>} */ (response.getHeaders());
  const type = Object.keys(answered).find((name) => name.toLowerCase() === 'content-type');
  return {
    status: response.getResponseCode(),
    contentType: type ? String(answered[type]) : '',
    body: response.getContentText(),
  };
}
//{{/server-side}}
