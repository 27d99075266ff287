// Checking as you write, the loop: it waits for a pause, sends only what changed, one request
// at a time, and stays calm when the server is down, busy or refuses a paragraph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLiveChecker, DOWN_WAITS_MS, FIRST_BATCH_CHARS } from '../../../taskpane/live/checker.js';
import { createStore } from '../../../taskpane/live/store.js';
import { ApiProblem } from '../../../taskpane/api.js';
import { fakeClock } from './fake_clock.mjs';

/** A document the test edits, and a server the test scripts; every request is recorded. */
function setup({ answer = (paragraph) => ({ id: paragraph.id, issues: [] }), pauseMs = 500 } = {}) {
  const clock = fakeClock();
  const doc = new Map([
    ['p1', 'First paragraph has teh typo.'],
    ['p2', 'Second one is fine.'],
  ]);
  const requests = [];
  const statuses = [];
  /** @type {(request: any) => Promise<any>} */
  let server = async (request) => ({ paragraphs: request.paragraphs.map(answer) });
  const store = createStore();
  const checker = createLiveChecker({
    store,
    read: async () => ({ order: [...doc.keys()], texts: new Map(doc), focus: 'p1' }),
    check: (request) => {
      requests.push({ at: clock.now(), paragraphs: request.paragraphs.map((p) => p.id), request });
      return server(request);
    },
    options: () => ({ dictionary: ['Penwise'], disabled_rules: [] }),
    limits: () => ({ maxParagraphs: 50, maxChars: 10000 }),
    pauseMs,
    changed: () => {},
    status: (status) => statuses.push(status),
    clock,
  });
  return { clock, doc, requests, statuses, store, checker, setServer: (fn) => (server = fn) };
}

test('it waits for the writer to pause, then checks every paragraph once', async () => {
  const { clock, requests, checker } = setup();
  checker.start();
  await clock.advance(0);
  assert.equal(requests.length, 1, 'opening the document checks it at once');
  assert.deepEqual(requests[0].paragraphs, ['p1', 'p2']);
  assert.deepEqual(requests[0].request.dictionary, ['Penwise'], 'with the writer’s options');
  await clock.advance(5000);
  assert.equal(requests.length, 1, 'nothing changed: nothing more is sent');
});

test('keystrokes reset the wait; a pause sends only the paragraph that changed', async () => {
  const { clock, doc, requests, checker } = setup();
  checker.start();
  await clock.advance(0);
  for (const text of ['Second one is fine!', 'Second one is fine!!', 'Second one is fine!!!']) {
    doc.set('p2', text);
    checker.edited();
    await clock.advance(300);
  }
  assert.equal(requests.length, 1, 'no check while the writer types');
  await clock.advance(500);
  assert.equal(requests.length, 2);
  assert.deepEqual(requests[1].paragraphs, ['p2']);
  assert.equal(requests[1].request.paragraphs[0].text, 'Second one is fine!!!');
});

test('one request at a time: edits made while one is in flight go in the next', async () => {
  const { clock, doc, requests, checker, setServer } = setup();
  let release;
  setServer((request) => new Promise((resolve) => (release = () => resolve({ paragraphs: request.paragraphs.map((p) => ({ id: p.id, issues: [] })) }))));
  checker.start();
  await clock.advance(0);
  doc.set('p1', 'First paragraph has the typo.');
  checker.edited();
  await clock.advance(2000);
  assert.equal(requests.length, 1, 'the second waits for the first');
  release();
  await clock.advance(0);
  assert.equal(requests.length, 2);
  assert.deepEqual(requests[1].paragraphs, ['p1']);
});

test('an edit the host never reported is found at the next pause', async () => {
  const { clock, doc, requests, checker } = setup();
  checker.start();
  await clock.advance(0);
  doc.set('p2', 'Second one, edited without an event.'); // office-js 4874: events missed
  doc.set('p1', 'First paragraph, with an event.');
  checker.edited();
  await clock.advance(600);
  assert.deepEqual(requests[1].paragraphs.sort(), ['p1', 'p2']);
});

test('the server down: a calm pause, at most one request every 5 s, then it resumes by itself', async () => {
  const { clock, doc, requests, statuses, store, checker, setServer } = setup({
    answer: (p) => ({ id: p.id, issues: p.text.includes('teh') ? [{ id: 'i', rule_id: 'r', category: 'correctness', text: 'teh', utf16_offset: p.text.indexOf('teh'), utf16_length: 3, replacements: ['the'] }] : [] }),
  });
  const answerFor = (request) => ({ paragraphs: request.paragraphs.map((p) => ({ id: p.id, issues: [] })) });
  setServer(async () => {
    throw new ApiProblem('error.offline');
  });
  checker.start();
  await clock.advance(0);
  for (let i = 0; i < 60; i += 1) {
    doc.set('p2', `Typing while the server is down ${i}`);
    checker.edited();
    await clock.advance(500);
  }
  assert.equal(statuses.at(-1).state, 'paused');
  assert.equal(statuses.at(-1).note, 'live.paused');
  const gaps = requests.slice(1).map((request, i) => request.at - requests[i].at);
  assert.ok(gaps.every((gap) => gap >= DOWN_WAITS_MS[0]), `gaps ${gaps}`);
  assert.ok(requests.length <= 6, `${requests.length} requests in 30 s`);
  setServer(async (request) => answerFor(request));
  await clock.advance(31000);
  assert.equal(statuses.at(-1).state, 'idle');
  const sent = requests.at(-1).request.paragraphs.map((p) => p.text);
  assert.ok(sent.includes('Typing while the server is down 59'), 'the latest text is checked once it is back');
});

test('a 429 waits for its Retry-After', async () => {
  const { clock, doc, requests, statuses, checker, setServer } = setup();
  setServer(async () => {
    throw new ApiProblem('error.rateLimited', { seconds: 12 }, { status: 429 });
  });
  checker.start();
  await clock.advance(0);
  setServer(async (request) => ({ paragraphs: request.paragraphs.map((p) => ({ id: p.id, issues: [] })) }));
  doc.set('p1', 'Edited at once.');
  checker.edited();
  await clock.advance(11000);
  assert.equal(requests.length, 1, 'nothing before Retry-After');
  assert.deepEqual(statuses.at(-1), { state: 'waiting', note: 'live.rateLimited', params: { seconds: 12 } });
  await clock.advance(1500);
  assert.equal(requests.length, 2);
});

test('a paragraph the server refuses is skipped with a note, not retried in a loop', async () => {
  const { clock, requests, statuses, checker, setServer } = setup();
  setServer(async () => {
    throw new ApiProblem('error.tooLarge', {}, { status: 413, retryable: false });
  });
  checker.start();
  await clock.advance(60000);
  assert.equal(requests.length, 1);
  assert.equal(statuses.at(-1).note, 'live.tooLong');
});

test('an organisation that switched it off stops it, with a note', async () => {
  const { clock, requests, statuses, checker, setServer } = setup();
  setServer(async () => {
    throw new ApiProblem('live.disabled', {}, { status: 403, retryable: false, slug: 'live-check-off' });
  });
  checker.start();
  await clock.advance(60000);
  assert.equal(requests.length, 1);
  assert.deepEqual(statuses.at(-1), { state: 'off', note: 'live.disabled' });
  assert.equal(checker.running, false);
});

test('nothing is sent while an IME composes; the composed text goes when it ends', async () => {
  const { clock, doc, requests, checker } = setup();
  checker.start();
  await clock.advance(0);
  doc.set('p2', 'Second one is fine. ni hao');
  checker.edited({ composing: true });
  await clock.advance(3000);
  assert.equal(requests.length, 1, 'no check of half-composed pinyin');
  doc.set('p2', 'Second one is fine. 你好');
  checker.edited({ composing: false });
  await clock.advance(600);
  assert.equal(requests.length, 2);
  assert.equal(requests[1].request.paragraphs[0].text, 'Second one is fine. 你好');
});

test('stopping aborts and sends nothing more; starting again checks only what changed', async () => {
  const { clock, doc, requests, checker } = setup();
  checker.start();
  await clock.advance(0);
  checker.stop();
  doc.set('p1', 'Changed while off.');
  checker.edited();
  await clock.advance(5000);
  assert.equal(requests.length, 1);
  checker.start();
  await clock.advance(0);
  assert.deepEqual(requests[1].paragraphs, ['p1']);
});

test('the first batch after a pause is small, around the caret; the rest follow in full batches', async () => {
  const { clock, doc, requests, checker } = setup();
  doc.clear();
  for (let i = 0; i < 40; i += 1) doc.set(`q${i}`, `Paragraph ${i} ${'word '.repeat(30)}`);
  checker.start();
  await clock.advance(0);
  const sizes = requests.map((r) => r.request.paragraphs.reduce((sum, p) => sum + p.text.length, 0));
  assert.ok(sizes[0] <= FIRST_BATCH_CHARS, `first batch ${sizes[0]} characters`);
  assert.ok(sizes[1] > FIRST_BATCH_CHARS, `second batch ${sizes[1]} characters`);
  assert.equal(requests.flatMap((r) => r.paragraphs).length, 40, 'every paragraph, once');
});
