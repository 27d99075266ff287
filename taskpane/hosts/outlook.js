// @ts-check
/**
 * The Outlook host: the pane beside a message being written (Office.js, Mailbox API).
 *
 * It reads the writer's selection, or all they wrote when nothing is selected: never the
 * quoted thread of a reply or forward. It writes by reading the whole body again, finding the
 * text it read, changing only the characters a fix names (text nodes of an HTML body, so
 * links, bold, signatures and pictures stay) and writing the body back.
 *
 * Requirement sets: Mailbox 1.1 for the body's type and roaming settings; 1.2 for the
 * selection and inserting at the cursor; 1.3 for reading and writing the body; 1.8 for the
 * context a Smart Alerts button opens the pane with.
 */
import { ApiProblem } from '../api.js';
import { canReplace, findLoosely, htmlBody, insertLinesAfter, plainBody, replaceAcross, replaceText, serialise } from './outlook_body.js';
import { createOutlookLive } from './outlook_live.js';

/**
 * @typedef {import('./host.js').Host} Host
 * @typedef {import('./outlook_body.js').Body} Body
 * @typedef {{start: number, text: string, whole: boolean}} Region  The text last read, where it is.
 */

/** Outlook refuses to write a body longer than this (Body.setAsync, setSelectedDataAsync). */
export const WRITE_LIMIT = 1_000_000;
/** The roaming setting that holds the pane's settings (read by the send check too). */
export const SETTINGS_NAME = 'penwise';

/**
 * Wait for Office, then answer the Outlook host.
 * @param {{Parser?: typeof DOMParser}} [options] For tests: a DOMParser where there is none.
 * @returns {Promise<Host & {checkOnOpen?: boolean}>}
 */
export async function createOutlookHost(options = {}) {
  await Office.onReady();
  const Parser = options.Parser ?? globalThis.DOMParser;
  const mailbox = Office.context.mailbox;
  const supports = (/** @type {string} */ version) => Boolean(Office.context.requirements?.isSetSupported('Mailbox', version));
  if (!supports('1.3')) throw new Error('this Outlook is too old for Penwise (it needs Mailbox 1.3)');
  /**
   * The message being written: the manifest opens the pane only where a message is composed.
   * @returns {Office.MessageCompose}
   */
  const item = () => {
    if (!mailbox.item) throw new Error('no message is open');
    return /** @type {Office.MessageCompose} */ (mailbox.item);
  };

  /** @type {Region|null} */
  let region = null;

  /** @returns {Promise<Body>} */
  async function load() {
    const type = await call((done) => item().body.getTypeAsync(done));
    if (type === Office.CoercionType.Html) {
      return htmlBody(await call((done) => item().body.getAsync(Office.CoercionType.Html, done)), Parser);
    }
    return plainBody(await call((done) => item().body.getAsync(Office.CoercionType.Text, done)));
  }

  /** @param {Body} body */
  async function save(body) {
    const data = serialise(body);
    if (data.length > WRITE_LIMIT) throw tooLong();
    const coercion = body.kind === 'html' ? Office.CoercionType.Html : Office.CoercionType.Text;
    await call((done) => item().body.setAsync(data, { coercionType: coercion }, done));
  }

  /**
   * The text the selection covers in `body`, when there is one in the body: [start, end).
   * @param {Body} body
   * @returns {Promise<[number, number]|null>}
   */
  async function selectionIn(body) {
    if (!supports('1.2')) return null;
    const selected = await call((done) => item().getSelectedDataAsync(Office.CoercionType.Text, done));
    if (!selected || selected.sourceProperty !== 'body' || !String(selected.data).trim()) return null;
    // Where the writer wrote it, when it is there; the quoted thread only when not.
    const everywhere = findLoosely(body.text, String(selected.data));
    const own = everywhere.filter(([, end]) => end <= body.quoteAt);
    const found = own.length ? own : everywhere;
    if (found.length > 1) throw new ApiProblem('mail.selectionRepeated', {}, { retryable: false });
    if (!found.length) throw new ApiProblem('mail.selectionNotFound', {}, { retryable: false });
    return found[0];
  }

  /**
   * Where the region last read is in `body` now: its start, or -1 when the writer has
   * changed it (or it is there more than once, so a change could land in the wrong place).
   * @param {Body} body @param {Region} last
   */
  function relocate(body, last) {
    if (body.text.slice(last.start, last.start + last.text.length) === last.text) return last.start;
    const first = body.text.indexOf(last.text);
    return first !== -1 && body.text.indexOf(last.text, first + 1) === -1 ? first : -1;
  }

  /**
   * Run `edit` on the body as it is now, with the region's start in it; write it back when
   * `edit` answers true.
   * @param {(body: Body, start: number) => boolean} edit
   */
  async function editBody(edit) {
    if (!region) return false;
    const body = await load();
    const start = relocate(body, region);
    if (start === -1 || !edit(body, start)) return false;
    await save(body);
    return true;
  }

  /** @type {Host & {checkOnOpen?: boolean}} */
  const host = {
    name: 'outlook',
    documentOnPage: false,
    language: Office.context.displayLanguage,
    theme: officeTheme(),
    wording: {
      'improve.hint': 'mail.hint',
      'live.hint': 'mail.liveHint',
      'status.checked.whole': 'mail.checkedWhole',
      'status.rewrote.whole': 'mail.rewroteWhole',
      'status.empty': 'mail.empty',
      'status.inserted': 'mail.inserted',
    },

    async read() {
      const body = await load();
      const selected = await selectionIn(body);
      // Nothing selected: all the writer wrote, up to the quoted thread and the blank lines above it.
      const [start, end] = selected ?? [0, body.text.slice(0, body.quoteAt).trimEnd().length];
      const text = body.text.slice(start, end);
      region = { start, text, whole: !selected };
      return { text, whole: !selected };
    },

    async applyFix(change) {
      return editBody((body, start) => {
        const current = /** @type {Region} */ (region);
        if (current.text.slice(change.start, change.end) !== change.expected) return false;
        if (!replaceText(body, start + change.start, start + change.end, change.replacement)) return false;
        current.text = current.text.slice(0, change.start) + change.replacement + current.text.slice(change.end);
        return true;
      });
    },

    async applyRewrite(changes, rewritten) {
      let how = /** @type {'edits'|'whole'} */ ('edits');
      const written = await editBody((body, start) => {
        const current = /** @type {Region} */ (region);
        const located = changes.every(
          (change) =>
            current.text.slice(change.start, change.end) === change.expected &&
            canReplace(body, start + change.start, start + change.end),
        );
        if (located) {
          // Back to front, so each change's offsets still hold when it is made.
          for (const change of [...changes].reverse()) replaceText(body, start + change.start, start + change.end, change.replacement);
        } else {
          replaceAcross(body, start, start + current.text.length, rewritten);
          how = 'whole';
        }
        current.text = rewritten;
        return true;
      });
      if (!written) throw new Error('the message has changed since the rewrite; press Rewrite again');
      return how;
    },

    async insertBelow(text) {
      if (region && !region.whole) {
        const last = region;
        if (await editBody((body, start) => (insertLinesAfter(body, start + last.text.length, text), true))) return;
      }
      const body = await load();
      const selected = await selectionIn(body).catch(() => null);
      if (!selected && supports('1.2')) {
        // Nothing selected: put the text at the writer's cursor, as typing would.
        const html = body.kind === 'html';
        const data = html ? textAsHtml(text) : text;
        if (data.length > WRITE_LIMIT) throw tooLong();
        const coercion = html ? Office.CoercionType.Html : Office.CoercionType.Text;
        await call((done) => item().body.setSelectedDataAsync(data, { coercionType: coercion }, done));
        return;
      }
      insertLinesAfter(body, selected ? selected[1] : body.quoteAt, text);
      await save(body);
    },

    async loadSettings() {
      const values = Office.context.roamingSettings?.get(SETTINGS_NAME);
      return values && typeof values === 'object' && !Array.isArray(values) ? values : {};
    },

    async saveSettings(values) {
      const settings = Office.context.roamingSettings;
      if (!settings) return;
      settings.set(SETTINGS_NAME, values);
      await call((done) => settings.saveAsync(done));
    },

    markIssues: undefined,
    clearMarks: undefined,
    setTrackChanges: undefined,
  };

  host.live = createOutlookLive({
    async own() {
      const body = await load();
      return body.text.slice(0, body.quoteAt);
    },
    async fix(start, end, expected, replacement) {
      const body = await load();
      if (end > body.quoteAt || body.text.slice(start, end) !== expected) return false;
      if (!replaceText(body, start, end, replacement)) return false;
      await save(body);
      return true;
    },
  });
  host.checkOnOpen = await openedBySendCheck(supports('1.8'));
  return host;
}

/**
 * Settle with an Office async call's value; reject with its error.
 * @template V
 * @param {(done: (result: Office.AsyncResult<V>) => void) => void} start
 * @returns {Promise<V>}
 */
function call(start) {
  return new Promise((resolve, reject) => {
    start((result) => {
      // Office.js's statuses are the strings 'succeeded' and 'failed' (its types say an enum).
      if (String(result.status) === 'failed') reject(new Error(result.error?.message || 'Outlook refused the change'));
      else resolve(result.value);
    });
  });
}

function tooLong() {
  return new ApiProblem('mail.tooLong', { limit: WRITE_LIMIT.toLocaleString() }, { retryable: false });
}

/** Text as HTML for the cursor: escaped, lines as <br>. @param {string} text */
function textAsHtml(text) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.split('\n').join('<br>');
}

/**
 * True when the Smart Alerts dialog's button opened the pane (its contextData says so):
 * then the pane checks at once.
 * @param {boolean} supported Mailbox 1.8
 */
async function openedBySendCheck(supported) {
  const item = /** @type {Office.MessageCompose|undefined} */ (Office.context.mailbox.item);
  if (!supported || typeof item?.getInitializationContextAsync !== 'function') return false;
  try {
    const context = await call((done) => item.getInitializationContextAsync(done));
    return JSON.parse(context || 'null')?.from === 'send-check';
  } catch {
    return false;
  }
}

/**
 * Office's theme colours, where this Outlook has them.
 * @returns {import('./host.js').Theme|undefined}
 */
function officeTheme() {
  const theme = Office.context.officeTheme;
  if (!theme?.bodyBackgroundColor) return undefined;
  return { background: theme.bodyBackgroundColor, foreground: theme.bodyForegroundColor };
}
