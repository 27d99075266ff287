// @ts-check
/**
 * The only module that talks to the Penwise server. Every failure becomes an ApiProblem
 * whose `key` names a sentence in the string tables, so the writer never sees raw JSON.
 */

/** An error the pane can say in a writer's words: `key` and `params` for the string tables. */
export class ApiProblem extends Error {
  /**
   * @param {string} key
   * @param {Record<string, string|number>} [params]
   * @param {{status?: number, retryable?: boolean, slug?: string}} [options]
   */
  constructor(key, params = {}, options = {}) {
    super(key);
    this.key = key;
    this.params = params;
    this.status = options.status ?? 0;
    this.retryable = options.retryable ?? true;
    /** The problem's type, last part ("text-too-long"), when the server sent one. */
    this.slug = options.slug ?? '';
  }
}

/** True for the error fetch raises when the request was cancelled. */
export function isAbort(/** @type {unknown} */ error) {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * The words of a failure: its message when it has one (an Error, or the Error-like objects
 * Office and Apps Script fail with), else the value itself as text.
 * @param {unknown} error
 */
export function reasonOf(error) {
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : '';
  return message || String(error);
}

/**
 * Turn a problem+json answer (RFC 9457) into an ApiProblem.
 * @param {number} status
 * @param {unknown} body the parsed body, or null when it was not JSON
 * @param {Headers} headers
 * @param {{maxTextChars?: number}} limits
 */
export function problemFor(status, body, headers, limits = {}) {
  /** @type {{type?: unknown, errors?: unknown}} */
  const problem = typeof body === 'object' && body !== null ? body : {};
  const slug = String(problem.type || '').split(':').pop() || '';
  if (status === 403 && slug === 'live-check-off') return new ApiProblem('live.disabled', {}, { status, retryable: false, slug });
  if (status === 401 || status === 403) return new ApiProblem('error.auth', {}, { status, retryable: false, slug });
  if (status === 413) {
    return slug === 'text-too-long' && limits.maxTextChars
      ? new ApiProblem('error.tooLong', { limit: limits.maxTextChars.toLocaleString() }, { status, retryable: false, slug })
      : new ApiProblem('error.tooLarge', {}, { status, retryable: false, slug });
  }
  if (status === 429) {
    const seconds = Number(headers.get('Retry-After')) || 30;
    return new ApiProblem('error.rateLimited', { seconds }, { status });
  }
  if (status === 422) {
    const fields = Object.keys(problem.errors || {}).join(', ') || 'text';
    return new ApiProblem('error.invalid', { fields }, { status, retryable: false });
  }
  if (status === 503 || status === 502 || status === 504) return new ApiProblem('error.busy', {}, { status });
  if (status >= 500) return new ApiProblem('error.server', { status }, { status });
  return new ApiProblem('error.invalid', { fields: slug || String(status) }, { status, retryable: false });
}

/**
 * Read a server-sent event stream: call onEvent(name, data) for each event.
 * @param {ReadableStream<Uint8Array>} body
 * @param {(event: string, data: unknown) => void} onEvent
 */
async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(event, JSON.parse(data.join('\n')));
    }
  }
}

/**
 * A client of one Penwise server.
 * @param {{base: string, apiKey?: () => string, fetchImpl?: typeof fetch, language?: string}} options
 *   `base` ends with "/"; `apiKey` reads the writer's key when one is saved; `fetchImpl` is
 *   the host's own transport where it has one (Google Docs' server-side mode); `language` is
 *   the pane's, sent with every request whose answer the writer reads (`ui_language`: the
 *   server's messages come back in it; a field, not a header, so Apps Script's fetch keeps it).
 */
export function createApi({ base, apiKey = () => '', fetchImpl = undefined, language = 'en' }) {
  const transport = fetchImpl ?? ((input, init) => fetch(input, init));
  /** @type {{maxTextChars?: number, feedback?: boolean}} */
  const limits = {};

  /**
   * @param {string} path
   * @param {{body?: unknown, signal?: AbortSignal, accept?: string}} [options]
   */
  async function send(path, { body, signal, accept = 'application/json' } = {}) {
    /** @type {Record<string, string>} */
    const headers = { Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const key = apiKey();
    if (key) headers.Authorization = `Bearer ${key}`;
    let response;
    try {
      response = await transport(new URL(path, base), {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiProblem('error.offline');
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw problemFor(response.status, problem, response.headers, limits);
    }
    return response;
  }

  /**
   * The server's JSON answer, of the shape its API reference gives for `path` (R).
   * @template R
   * @param {string} path @param {unknown} [body] @param {AbortSignal} [signal]
   * @returns {Promise<R>}
   */
  async function json(path, body, signal) {
    const response = await send(path, { body, signal });
    return response.json();
  }

  /** A request whose answer speaks the pane's language. @param {object} request */
  const inLanguage = (request) => ({ ...request, ui_language: language });

  return {
    /**
     * The server's name, version and limits (kept for error messages).
     * @returns {Promise<ServerInfo|null>}
     */
    async info() {
      /** @type {ServerInfo|null} */
      const info = await json('v1/info');
      limits.maxTextChars = info?.limits?.max_text_chars;
      limits.feedback = Boolean(info?.feedback);
      return info;
    },
    /** @returns {Promise<{name: string, description: string}[]>} */
    async tones() {
      /** @type {{tones: {name: string, description: string}[]}} */
      const answer = await json(`v1/tones?ui_language=${encodeURIComponent(language)}`);
      return answer.tones;
    },
    /**
     * Issues per paragraph, each paragraph checked on its own (checking as you write).
     * @param {object} request @param {AbortSignal} [signal]
     * @returns {Promise<{paragraphs: {id: string, issues: import('./hosts/host.js').Issue[], incomplete: boolean}[], engine: string, degraded: boolean, warnings: {code: string, message: string}[], provenance?: import('./authorship/marks.js').Provenance}>}
     */
    checkParagraphs(request, signal) {
      return json('v1/check/paragraphs', inLanguage(request), signal);
    },
    /**
     * Issues and a rewrite preview in one call.
     * @param {object} request @param {AbortSignal} [signal]
     * @returns {Promise<ImproveAnswer>}
     */
    improve(request, signal) {
      return json('v1/improve', inLanguage(request), signal);
    },
    /** How a long text will be split: only `chunks.length` is used. @param {string} text @param {AbortSignal} [signal] */
    async parts(text, signal) {
      /** @type {{chunks: unknown[]}} */
      const answer = await json('v1/tokens', { text, operation: 'check' }, signal);
      return answer.chunks.length;
    },
    /**
     * A rewrite, streamed when the server streams it: onDelta(textSoFar) as it arrives.
     * @param {object} request
     * @param {{signal?: AbortSignal, onDelta?: (text: string) => void}} [options]
     * @returns {Promise<RewriteAnswer>}
     */
    async rewrite(request, { signal, onDelta = () => {} } = {}) {
      const response = await send('v1/rewrite', {
        body: { ...inLanguage(request), stream: true },
        signal,
        accept: 'text/event-stream, application/json',
      });
      if (!(response.headers.get('Content-Type') || '').includes('text/event-stream') || !response.body) {
        return response.json();
      }
      let streamed = '';
      /** @type {RewriteAnswer|null} */
      let done = null;
      /** @type {ApiProblem|null} */
      let failed = null;
      await readEvents(response.body, (event, data) => {
        // The stream's events, as the server's API reference gives them.
        const said = /** @type {{text?: string, status?: number}} */ (typeof data === 'object' && data !== null ? data : {});
        if (event === 'delta') onDelta((streamed += said.text ?? ''));
        else if (event === 'done') done = /** @type {RewriteAnswer} */ (data);
        else if (event === 'error') failed = problemFor(said.status || 500, data, new Headers(), limits);
      });
      if (failed) throw failed;
      if (!done) throw new ApiProblem('error.offline');
      return done;
    },
    /** @param {object} request @param {AbortSignal} [signal] @returns {Promise<IdeasAnswer>} */
    ideas(request, signal) {
      return json('v1/ideas', inLanguage(request), signal);
    },
    /**
     * Tell the server a suggestion was applied, ignored or dismissed (never any text).
     * Sent only to a server that says it counts feedback; a failure is not the writer's problem.
     * @param {{rule_id: string, action: 'applied'|'ignored'|'dismissed', tone?: string}} event
     */
    feedback(event) {
      if (!limits.feedback) return;
      send('v1/feedback', { body: event }).catch(() => {});
    },
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */

/**
 * The parts of the server's answers the pane reads (the README's API reference has them all).
 * @typedef {import('./hosts/host.js').Issue} Issue
 * @typedef {import('./state.js').Edit} Edit
 * @typedef {import('./state.js').Warning} Warning
 * @typedef {import('./authorship/marks.js').Provenance} Provenance
 *
 * @typedef {Object} Outcome  How an answer was made.
 * @property {string} engine
 * @property {boolean} degraded  The model failed and the local engine answered instead.
 * @property {Warning[]} warnings
 * @property {boolean} incomplete  Some of the text was not checked (said, never hidden).
 * @property {Provenance} [provenance]
 *
 * @typedef {Outcome & {issues: Issue[], rewrite: {rewritten: string, edits: Edit[]}}} ImproveAnswer
 * @typedef {Outcome & {rewritten: string, edits: Edit[]}} RewriteAnswer
 * @typedef {{ideas: import('./state.js').Idea[], provenance?: Provenance}} IdeasAnswer
 */

/**
 * The part of GET /v1/info the pane reads (an older server may lack any of it).
 * @typedef {Object} ServerInfo
 * @property {{max_text_chars?: number}} [limits]
 * @property {boolean} [feedback]  Whether the server counts POST /v1/feedback.
 * @property {{mode: 'on'|'off'|'disabled', max_paragraphs: number, max_chars: number}} [live]
 * @property {{marks?: 'removable'|'required'}} [authorship]
 */
