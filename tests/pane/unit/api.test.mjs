// api.js: problem+json answers become sentences from the string tables, never raw JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiProblem, createApi, problemFor } from '../../../taskpane/api.js';
import { translator } from '../../../taskpane/i18n/index.js';

const t = translator('en');

/** A fetch that answers every request with one response, and records the requests. */
function answering(status, body, headers = {}) {
  const seen = [];
  const fetchImpl = async (url, init) => {
    seen.push({ url: String(url), init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
  };
  return { fetchImpl, seen };
}

test('413 for a long text says the limit in words', async () => {
  const info = answering(200, { limits: { max_text_chars: 200 } });
  const api = createApi({ base: 'http://127.0.0.1:1/', fetchImpl: info.fetchImpl });
  await api.info();
  const problem = problemFor(413, { type: 'urn:penwise:problem:text-too-long', status: 413 }, new Headers(), { maxTextChars: 200 });
  assert.match(t(problem.key, problem.params), /up to 200 characters/);
  assert.equal(problem.retryable, false);
});

test('each status becomes its own sentence', () => {
  const said = (status, body = {}, headers = {}) => {
    const problem = problemFor(status, body, new Headers(headers));
    return t(problem.key, problem.params);
  };
  assert.match(said(401), /access key/);
  assert.match(said(429, {}, { 'Retry-After': '7' }), /Wait 7 seconds/);
  assert.match(said(503), /busy/);
  assert.match(said(500), /error 500/);
  assert.match(said(422, { errors: { text: ['bad'] } }), /\(text\)/);
});

test('a server that cannot be reached is an offline problem, not a TypeError', async () => {
  const api = createApi({ base: 'http://127.0.0.1:1/', fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
  await assert.rejects(api.improve({ text: 'x' }), (error) => error instanceof ApiProblem && error.key === 'error.offline');
});

test('the access key goes out as a bearer token when one is saved', async () => {
  const fake = answering(200, { tones: [] }, { 'Content-Type': 'application/json' });
  const api = createApi({ base: 'http://127.0.0.1:1/', apiKey: () => 'k-123', fetchImpl: fake.fetchImpl });
  await api.tones();
  assert.equal(fake.seen[0].init.headers.Authorization, 'Bearer k-123');
  assert.equal(fake.seen[0].url, 'http://127.0.0.1:1/v1/tones?ui_language=en');
});

test('a streamed rewrite reports text as it arrives and returns the done body', async () => {
  const stream = 'event: delta\ndata: {"text": "Hello "}\n\nevent: delta\ndata: {"text": "there"}\n\n: waiting\n\nevent: done\ndata: {"rewritten": "Hello there", "edits": []}\n\n';
  const fetchImpl = async () => new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  const api = createApi({ base: 'http://x/', fetchImpl });
  const seen = [];
  const done = await api.rewrite({ text: 'hi' }, { onDelta: (text) => seen.push(text) });
  assert.deepEqual(seen, ['Hello ', 'Hello there']);
  assert.equal(done.rewritten, 'Hello there');
});

test('feedback is sent only to a server that counts it', async () => {
  const calls = [];
  const fetchImpl = async (url) => {
    calls.push(String(url));
    return new Response(JSON.stringify({ limits: {} }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  const api = createApi({ base: 'http://x/', fetchImpl });
  await api.info();
  api.feedback({ rule_id: 'harper.SpellCheck', action: 'applied' });
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(calls, ['http://x/v1/info']);
});

test('every request whose answer the writer reads names the pane language', async () => {
  const fake = answering(200, { tones: [], paragraphs: [], ideas: [] }, { 'Content-Type': 'application/json' });
  const api = createApi({ base: 'http://x/', fetchImpl: fake.fetchImpl, language: 'zh-CN' });
  await api.improve({ text: 'a' });
  await api.checkParagraphs({ paragraphs: [] });
  await api.rewrite({ text: 'a' });
  await api.ideas({ text: 'a', kinds: ['continue'] });
  await api.tones();
  const bodies = fake.seen.slice(0, 4).map((request) => JSON.parse(request.init.body));
  assert.deepEqual(bodies.map((body) => body.ui_language), ['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
  assert.equal(bodies[0].text, 'a');
  assert.equal(fake.seen[4].url, 'http://x/v1/tones?ui_language=zh-CN');
});
