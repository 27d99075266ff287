// @ts-check
/**
 * The Google Docs host: the browser half of the Apps Script add-on (manifest/gdocs/*.gs).
 *
 * The pane runs in HtmlService's sandbox frame; every document operation is a call to one of
 * the project's functions through google.script.run (Reading.gs, Editing.gs, ...). getSelection() answers the text with a map from
 * its offsets back to the document; this adapter keeps the map and sends it back with every
 * edit, and keeps the updated map each edit answers. The text Penwise writes is marked with a
 * named range per passage (Authorship.gs), made by the same call that makes the edit.
 */

import { createGdocsLive } from './gdocs_live.js';
import { reasonOf } from '../api.js';

/** @typedef {import('./host.js').Host} Host */
/** @typedef {import('./host.js').Change} Change */
/** @typedef {import('./host.js').SettingsValues} SettingsValues */
/** @typedef {{whole: boolean, segments: Array<Record<string, unknown>>}} OffsetMap */
/** @typedef {{ok: boolean, reason?: string, map: OffsetMap}} EditResult */
/**
 * fetch's shape, so api.js can take it as its fetchImpl: in --server-side mode the API is
 * reached through Apps Script (Code.gs's callPenwise) instead of the browser's fetch.
 * @typedef {(input: string|URL|Request, init?: RequestInit) => Promise<Response>} Transport
 */
/**
 * google.script.run: each with*Handler returns a runner; any of the project's functions is a method.
 * @typedef {Object} ScriptRunner
 * @property {(handler: (value: unknown) => void) => ScriptRunner} withSuccessHandler
 * @property {(handler: (error: unknown) => void) => ScriptRunner} withFailureHandler
 */
/**
 * What each Apps Script function the pane calls answers (through JSON): the one place the pane
 * trusts the shape of what comes back from Apps Script.
 * @typedef {Object} ScriptAnswers
 * @property {PaneConfig} getSidebarConfig
 * @property {{text: string, whole: boolean, map: OffsetMap}} getSelection
 * @property {EditResult} applyFix
 * @property {EditResult} applyEdits
 * @property {EditResult} replaceSelection
 * @property {void} insertBelow
 * @property {unknown} loadSettings  An object, unless the stored settings were damaged.
 * @property {void} saveSettings
 * @property {{status: number, contentType: string, body: string}} callPenwise
 * @property {import('../authorship/marks.js').Reading} readAuthorship
 * @property {boolean} selectPassage
 * @property {void} removeMarks
 * @property {import('./gdocs_live.js').Same|import('./gdocs_live.js').Changed} pollParagraphs
 * @property {{ok: boolean}} applyParagraphFix
 */
/**
 * Call an Apps Script function by name and settle with its answer.
 * @typedef {<N extends keyof ScriptAnswers>(name: N, ...args: unknown[]) => Promise<ScriptAnswers[N]>} Call
 */

/**
 * What Code.gs's getSidebarConfig answers: the server's base URL, and whether the task pane
 * reaches it by fetch or through Apps Script (the --server-side export).
 * @typedef {{api: string, transport: 'fetch'|'apps-script'}} PaneConfig
 */

/**
 * Create the Google Docs host.
 * @param {{run?: ScriptRunner, serverSide?: boolean, language?: string}} [options]
 *   For tests; by default google.script.run, the mode Code.gs says and the browser's language.
 * @returns {Promise<Host & {transport?: Transport}>}
 */
export async function createGdocsHost(options = {}) {
  const run = options.run ?? /** @type {{google?: {script?: {run?: ScriptRunner}}}} */ (globalThis).google?.script?.run;
  if (!run) throw new Error('google.script.run is missing: open Penwise from the Add-ons menu in Google Docs.');

  /** @type {Call} */
  const call = (name, ...args) => callScript(run, name, args);
  // The task pane's settings come from Code.gs through google.script.run, a documented channel:
  // HtmlService drops <meta> tags written in the page and does not document keeping attributes
  // on its root element, where they were read before.
  /** @type {PaneConfig|null} */
  const config = options.serverSide === undefined ? await call('getSidebarConfig') : null;
  const serverSide = options.serverSide ?? config?.transport === 'apps-script';
  /** @type {OffsetMap|null} The map of the text last read, as the edits since have moved it. */
  let map = null;

  /** @type {Host & {transport?: Transport}} */
  const host = {
    name: 'gdocs',
    documentOnPage: false,
    language: options.language ?? globalThis.navigator?.language,
    server: config?.api,

    async read() {
      const selection = await call('getSelection');
      map = selection.map;
      return { text: selection.text, whole: selection.whole };
    },

    async applyFix(change, marking) {
      if (!map) return false;
      /** @type {EditResult} */
      const result = await call('applyFix', map, change.start, change.end, change.expected, change.replacement, marking?.mark ?? null);
      if (result?.ok !== true) return false;
      map = result.map;
      return true;
    },

    async applyRewrite(changes, rewritten, marking) {
      if (!map) throw new Error('Read the selection before applying a rewrite.');
      const mark = marking?.mark ?? null;
      /** @type {EditResult} */
      const edits = await call('applyEdits', map, changes, mark);
      if (edits?.ok === true) {
        map = edits.map;
        return 'edits';
      }
      /** @type {EditResult} */
      const whole = await call('replaceSelection', map, rewritten, mark);
      if (whole?.ok !== true) throw new Error('Penwise could not replace the selection.');
      map = whole.map;
      return 'whole';
    },

    async insertBelow(text, marking) {
      await call('insertBelow', map ?? { whole: true, segments: [] }, text, marking?.mark ?? null);
    },

    async loadSettings() {
      const values = await call('loadSettings');
      return values && typeof values === 'object' && !Array.isArray(values) ? /** @type {SettingsValues} */ (values) : {};
    },

    async saveSettings(values) {
      await call('saveSettings', JSON.stringify(values));
    },

    markIssues: undefined,
    clearMarks: undefined,
    setTrackChanges: undefined,
    live: createGdocsLive(call),
    authorship: {
      read: () => call('readAuthorship'),
      select: async (id) => Boolean(await call('selectPassage', id)),
      remove: async () => {
        await call('removeMarks');
      },
    },
  };

  if (serverSide) host.transport = (input, init = {}) => viaAppsScript(call, input, init);
  return host;
}

/**
 * Call one Apps Script function and settle with its answer.
 * @template {keyof ScriptAnswers} N
 * @param {ScriptRunner} run
 * @param {N} name
 * @param {unknown[]} args
 * @returns {Promise<ScriptAnswers[N]>}
 */
function callScript(run, name, args) {
  const answer = new Promise((resolve, reject) => {
    const runner = /** @type {ScriptRunner & Record<string, unknown>} */ (
      run.withSuccessHandler(resolve).withFailureHandler((error) => reject(asError(error, name)))
    );
    const method = runner[name];
    if (typeof method !== 'function') {
      reject(new Error(`The Penwise add-on has no function ${name}; export it again.`));
      return;
    }
    method.apply(runner, args);
  });
  // The project answers what ScriptAnswers says (tests/pane/unit runs both halves together).
  return /** @type {Promise<ScriptAnswers[N]>} */ (answer);
}

/**
 * Reach the API through Code.gs's callPenwise, answering a Response as fetch would.
 * Code.gs adds the script's API key and accepts only URLs on the server it was exported for.
 * Apps Script cannot be interrupted: an abort rejects at once and the late answer is dropped.
 * @param {Call} call
 * @param {string|URL|Request} input
 * @param {RequestInit} init
 * @returns {Promise<Response>}
 */
async function viaAppsScript(call, input, init) {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw abortError();
  const url = input instanceof Request ? input.url : String(input);
  const payload = init.body == null || init.method === 'GET' ? null : String(init.body);
  const accept = new Headers(init.headers).get('accept');
  const answer = call('callPenwise', url, payload, accept);
  const result = await (signal ? raceAbort(answer, signal) : answer);
  const empty = [204, 205, 304].includes(result.status);
  return new Response(empty ? null : result.body, {
    status: result.status,
    headers: result.contentType ? { 'content-type': result.contentType } : {},
  });
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {AbortSignal} signal
 * @returns {Promise<T>}
 */
function raceAbort(promise, signal) {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortError() {
  return new DOMException('The request was cancelled.', 'AbortError');
}

/**
 * google.script.run fails with an Error-like object or a string; make it an Error.
 * @param {unknown} error
 * @param {string} name
 */
function asError(error, name) {
  if (error instanceof Error) return error;
  return new Error(reasonOf(error) || `The Penwise add-on failed in ${name}.`);
}
