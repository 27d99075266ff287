// @ts-check
/**
 * Outlook's check on Send (Smart Alerts: OnMessageSend, Mailbox 1.12). It checks what the
 * writer wrote (never the quoted thread) with the server's local engine and lets the mail go
 * at once when there is no spelling or grammar issue; otherwise it holds the mail once with
 * a short message, and the writer sends anyway or reviews the issues in the pane.
 *
 * It never stands between a writer and their mail: a server that is off for the organisation
 * (/v1/info "send_check": false), unreachable, slow (4 s) or failing lets the mail go, and
 * the reason goes to the console for the admin (Outlook's runtime log), without the text.
 * The manifest's SendMode is SoftBlock, never Block.
 *
 * Classic Outlook on Windows runs this in a JavaScript-only runtime: no DOM, no localStorage
 * (OfficeRuntime.storage there), ES2016 syntax on builds before 2403, and a handler counts
 * only once Office.actions.associate names it. The server serves it as /outlook/on-send.js,
 * after PenwiseSend ({server, strings}) and taskpane/hosts/outlook_quoted.js.
 */
/**
 * @typedef {Object} SendRoot  The global object the send check runs on, as the server fills it.
 * @property {typeof Office} Office
 * @property {{server: string, strings: Record<string, Record<string, string>>}} PenwiseSend
 * @property {Quoted} PenwiseQuoted  taskpane/hosts/outlook_quoted.js
 * @property {{storage?: SendStorage}} [OfficeRuntime]
 *
 * @typedef {Object} SendStorage  OfficeRuntime.storage: strings kept between runs.
 * @property {(key: string) => Promise<string|null>} getItem
 * @property {(key: string, value: string) => Promise<void>} setItem
 *
 * @typedef {Office.SmartAlertsEventCompletedOptions} SendVerdict  How the event completes.
 */
(/** @param {SendRoot} root */ function (root) {
  'use strict';

  var Office = root.Office;
  var DEADLINE_MS = 4000;
  /** @type {SendVerdict} */
  var ALLOW = { allowEvent: true };
  /** The compose button's Control id in the manifest: the dialog's button opens this pane. */
  var PANE_COMMAND = 'Penwise.OpenPane';
  var HELD_PREFIX = 'penwise.held.';
  /** @type {Record<string, boolean>} Fingerprints of the mails held once in this runtime (never their text). */
  var held = {};

  var config = root.PenwiseSend;
  var quoted = root.PenwiseQuoted;

  /**
   * The OnMessageSend handler: decide, then complete the event exactly once.
   * @param {{completed: (options: SendVerdict) => void}} event
   */
  function onMessageSend(event) {
    var finished = false;
    var aborter = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = setTimeout(function () {
      finish(ALLOW, 'no answer within ' + DEADLINE_MS / 1000 + ' s');
    }, DEADLINE_MS);

    /** @param {SendVerdict} options @param {string|null} problem */
    function finish(options, problem) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (aborter) aborter.abort();
      if (problem) warn(problem);
      event.completed(options);
    }

    // Started inside a promise, so a runtime that lacks something (fetch) fails into ALLOW.
    Promise.resolve(aborter ? aborter.signal : undefined)
      .then(decide)
      .then(
        function (options) {
          finish(options, null);
        },
        function (/** @type {unknown} */ error) {
          finish(ALLOW, String((error instanceof Error && error.message) || error));
        }
      );
  }

  /** @param {AbortSignal|undefined} signal @returns {Promise<SendVerdict>} */
  function decide(signal) {
    var settings = savedSettings();
    return request('v1/info', null, settings.apiKey, signal).then(function (/** @type {{send_check?: boolean}|null} */ info) {
      if (info && info.send_check === false) return ALLOW; // switched off by the organisation
      return ownText().then(function (text) {
        if (!text.trim()) return ALLOW;
        var body = { text: text, dictionary: settings.dictionary, disabled_rules: settings.disabledRules };
        return request('v1/check', body, settings.apiKey, signal).then(function (/** @type {{issues?: {category: string}[]}} */ answer) {
          var issues = answer.issues || [];
          var count = issues.filter(function (issue) {
            return issue.category === 'correctness';
          }).length;
          return count ? hold(text, count) : ALLOW;
        });
      });
    });
  }

  /**
   * Hold the mail with a message. Where Outlook has Mailbox 1.14 the dialog offers Send Anyway
   * and a button that opens the pane; before it, pressing Send again sends the same text.
   * @param {string} text @param {number} count
   * @returns {Promise<SendVerdict>}
   */
  function hold(text, count) {
    var words = strings();
    var found = (count === 1 ? words['send.found.one'] : words['send.found.other']).replace('{count}', String(count));
    if (!supports('1.14')) {
      var key = HELD_PREFIX + fingerprint(text);
      return wasHeld(key).then(function (before) {
        if (before) return ALLOW; // the writer pressed Send again on the same text
        return remember(key).then(function () {
          return { allowEvent: false, errorMessage: found + ' ' + words['send.again'] };
        });
      });
    }
    /** @type {SendVerdict} */
    var options = {
      allowEvent: false,
      errorMessage: found + ' ' + words['send.choose'],
      cancelLabel: words['send.review'],
      commandId: PANE_COMMAND,
      contextData: JSON.stringify({ from: 'send-check', count: count }),
      sendModeOverride: Office.MailboxEnums.SendModeOverride.PromptUser,
    };
    if (supports('1.15')) options.errorMessageMarkdown = '**' + found + '**\n\n' + words['send.choose'];
    return Promise.resolve(options);
  }

  /** What the writer wrote: the body as text, up to the quoted thread. @returns {Promise<string>} */
  function ownText() {
    var item = /** @type {Office.MessageCompose} */ (Office.context.mailbox.item);
    return new Promise(function (resolve, reject) {
      /** @param {Office.AsyncResult<string>} result */
      var done = function (result) {
        // Office.js's statuses are the strings 'succeeded' and 'failed' (its types say an enum).
        if (String(result.status) === 'failed') reject(new Error('the body could not be read: ' + result.error.message));
        else resolve(quoted.ownText(String(result.value).replace(/\r\n?/g, '\n')));
      };
      var modes = Office.MailboxEnums && Office.MailboxEnums.BodyMode;
      // Outlook on the web and the new Outlook give only the current reply with HostConfig
      // (conversation view); other clients give the whole thread, and the quote is cut here.
      if (modes) item.body.getAsync(Office.CoercionType.Text, { bodyMode: modes.HostConfig }, done);
      else item.body.getAsync(Office.CoercionType.Text, done);
    });
  }

  /**
   * POST `body` (GET when null) to the server; the parsed JSON, or a rejection.
   * @param {string} path @param {object|null} body @param {string} apiKey @param {AbortSignal|undefined} signal
   */
  function request(path, body, apiKey, signal) {
    /** @type {Record<string, string>} */
    var headers = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    if (apiKey) headers.Authorization = 'Bearer ' + apiKey;
    /** @type {RequestInit} */
    var init = { method: body ? 'POST' : 'GET', headers: headers, signal: signal };
    if (body) init.body = JSON.stringify(body);
    return fetch(config.server + path, init).then(function (response) {
      if (!response.ok) throw new Error(path + ' answered ' + response.status);
      return response.json();
    });
  }

  /** The pane's settings, roaming with the mailbox (Mailbox 1.1). */
  function savedSettings() {
    var roaming = Office.context.roamingSettings;
    /** @type {Record<string, unknown>} */
    var saved = (roaming && roaming.get('penwise')) || {};
    /** @param {unknown} value @returns {string[]} */
    var list = function (value) {
      return Array.isArray(value) ? value.filter(function (/** @type {unknown} */ item) { return typeof item === 'string'; }) : [];
    };
    return {
      dictionary: list(saved.dictionary),
      disabledRules: list(saved.disabledRules),
      apiKey: typeof saved.apiKey === 'string' ? saved.apiKey : '',
    };
  }

  /** @param {string} version */
  function supports(version) {
    var requirements = Office.context.requirements;
    return Boolean(requirements && requirements.isSetSupported('Mailbox', version));
  }

  function strings() {
    var language = String(Office.context.displayLanguage || '').toLowerCase();
    return language.indexOf('zh') === 0 ? config.strings['zh-CN'] : config.strings.en;
  }

  /** A short digest of the text (FNV-1a) and its length: enough to know the same mail again. @param {string} text */
  function fingerprint(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16) + '.' + text.length;
  }

  // OfficeRuntime.storage lasts between the runs of classic Outlook's runtime (Mailbox 1.10,
  // Windows only); elsewhere the runtime lives while the writer sends, and memory does.
  function storage() {
    var runtime = root.OfficeRuntime;
    return runtime && runtime.storage ? runtime.storage : null;
  }

  /** @param {string} key @returns {Promise<boolean>} */
  function wasHeld(key) {
    if (held[key]) return Promise.resolve(true);
    var store = storage();
    if (!store) return Promise.resolve(false);
    return store.getItem(key).then(function (value) {
      return value === '1';
    });
  }

  /** @param {string} key @returns {Promise<void>} */
  function remember(key) {
    held[key] = true;
    var store = storage();
    return store ? store.setItem(key, '1') : Promise.resolve();
  }

  /** @param {string} problem */
  function warn(problem) {
    if (typeof console === 'object') console.warn('Penwise send check: ' + problem + '; the message was sent unchecked.');
  }

  // Without this call Outlook never finds the handler, and SoftBlock holds every mail.
  Office.actions.associate('onMessageSendHandler', onMessageSend);
})(/** @type {SendRoot} */ (/** @type {unknown} */ (typeof globalThis === 'object' ? globalThis : this)));
