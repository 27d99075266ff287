// Checking as you write in Word: the Word host's live half (hosts/word_live.js) over the Word
// stand-in, driven by the pane's own live checker and store, with a server that flags typos.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createWordHost } from '../../../taskpane/hosts/word.js';
import { PAGE } from '../../../taskpane/hosts/word_live.js';
import { createLiveChecker } from '../../../taskpane/live/checker.js';
import { createStore, issuesOf } from '../../../taskpane/live/store.js';
import { fakeClock, settle } from './fake_clock.mjs';
import { FakeDoc, install } from './word_standin.mjs';

const TYPOS = ['recieve', 'teh', 'speling'];

/** What the server finds in a paragraph: each typo, as /v1/check/paragraphs answers it. */
function found(text) {
  return TYPOS.flatMap((word) => {
    const at = text.indexOf(word);
    if (at < 0) return [];
    return [{ id: `${word}@${at}`, rule_id: 'harper.SpellCheck', category: 'correctness', message: 'm', text: word, utf16_offset: at, utf16_length: word.length, replacements: [word === 'teh' ? 'the' : 'x'] }];
  });
}

beforeEach(() => {
  delete globalThis.localStorage;
});

/**
 * The Word host over `doc` with checking as you write started the way the pane starts it.
 * `hold` keeps the server's answers until the test releases them.
 */
async function liveWord(doc, { api = 1.8, hold = false } = {}) {
  const host = await install(doc, createWordHost, { api });
  const clock = fakeClock();
  const store = createStore();
  const requests = [];
  const revealed = [];
  const waiting = [];
  const checker = createLiveChecker({
    store,
    read: () => host.live.read(),
    check: (request) => {
      requests.push(request.paragraphs.map((p) => p.text));
      const answer = { paragraphs: request.paragraphs.map((p) => ({ id: p.id, issues: found(p.text) })) };
      if (!hold) return Promise.resolve(answer);
      return new Promise((resolve) => waiting.push(() => resolve(answer)));
    },
    options: () => ({ dictionary: [], disabled_rules: [] }),
    limits: () => ({ maxParagraphs: 50, maxChars: 20000 }),
    pauseMs: host.live.pauseMs,
    changed: (ids) => host.live.underlines && host.live.mark(ids.map((id) => ({ id, issues: issuesOf(store, id) }))),
    status: () => {},
    clock,
  });
  host.live.watch({ edited: (how) => checker.edited(how), reveal: (paragraph, issue) => revealed.push([paragraph, issue]) });
  checker.start();
  const run = async (ms = 0) => {
    await clock.advance(ms);
    await doc.quiet();
    await clock.advance(0);
    await doc.quiet();
  };
  await run();
  return { host, store, requests, revealed, run, release: () => waiting.splice(0).forEach((go) => go()) };
}

/** The words each annotation underlines now, in document order. */
const underlined = (doc) =>
  [...doc.annotations.keys()].sort((a, b) => doc.annotations.get(a).span.start - doc.annotations.get(b).span.start).map((id) => doc.annotated(id));

test('with WordApi 1.6: the document is checked, then only the paragraph Word says changed', async () => {
  const doc = new FakeDoc([['I recieve it.\rA clean one.\rThird teh one.', null]]);
  const { requests, run } = await liveWord(doc);
  assert.deepEqual(requests, [['I recieve it.', 'A clean one.', 'Third teh one.']]);
  assert.deepEqual(underlined(doc), ['recieve', 'teh']);
  const before = new Set(doc.annotations.keys());
  const at = doc.text.indexOf('A clean one') + 'A clean one'.length;
  doc.type(at, at, ' with a speling');
  await run(800);
  assert.deepEqual(requests.slice(1), [['A clean one with a speling.']]);
  assert.deepEqual(underlined(doc), ['recieve', 'speling', 'teh']);
  assert.equal([...doc.annotations.keys()].filter((id) => before.has(id)).length, 2, 'the other paragraphs keep their underlines');
});

test('an edit whose event Word missed is found at the next pause, near the caret', async () => {
  const doc = new FakeDoc([['One.\rTwo is fine.\rThree.\rFour.', null]]);
  const { requests, run } = await liveWord(doc);
  doc.missEvents = true; // office-js 4874: fast edits, no event
  const three = doc.text.indexOf('Three') + 'Three'.length;
  doc.type(three, three, ' It has teh typo');
  await run(2000);
  assert.equal(requests.length, 1, 'nothing told the pane yet');
  doc.missEvents = false;
  doc.type(3, 3, ' more');
  await run(800);
  assert.deepEqual(requests[1].sort(), ['One more.', 'Three It has teh typo.']);
  assert.deepEqual(underlined(doc), ['teh']);
});

test('an answer for text the writer changed meanwhile is not drawn on the new text', async () => {
  const doc = new FakeDoc([['Start.', null]]);
  const { requests, run, release } = await liveWord(doc, { hold: true });
  release();
  await run();
  doc.type(6, 6, ' I recieve teh parcel.');
  await run(800);
  assert.equal(requests.length, 2);
  doc.type(18, 21, 'the'); // "teh" fixed while its check is on the way
  release();
  await run();
  assert.ok(!underlined(doc).includes('the'), 'no underline lands on the corrected word');
  await run(800);
  release();
  await run();
  assert.deepEqual(underlined(doc), ['recieve']);
});

test('a click on an underline brings its card; a pop-up choice lands once on web, Windows and Mac', async () => {
  for (const acceptReplaces of [true, false]) {
    const doc = new FakeDoc([['Take a apple and teh pear.', null]], { acceptReplaces });
    const { revealed, run } = await liveWord(doc);
    const [id] = [...doc.annotations.keys()];
    await doc.click(id);
    assert.equal(revealed.length, 1);
    assert.equal(revealed[0][1], 'teh@17');
    await doc.accept(id, 'the');
    await run(800);
    assert.equal(doc.text, 'Take a apple and the pear.', acceptReplaces ? 'Word made it: not again' : 'Mac: made by the pane');
  }
});

test('without WordApi 1.6: Office’s selection change and a comparison of every paragraph', async () => {
  const doc = new FakeDoc([['First.\rSecond.\rThird.', null]]);
  const { host, requests, run } = await liveWord(doc, { api: 1.5 });
  assert.equal(host.live.underlines, false, 'no annotations before WordApi 1.7: cards only');
  assert.deepEqual(requests, [['First.', 'Second.', 'Third.']]);
  doc.type(13, 13, ' has teh');
  await run(800);
  assert.deepEqual(requests.slice(1), [['Second has teh.']]);
  assert.equal(doc.annotations.size, 0);
});

test('a Word without Microsoft 365: cards only, and checking goes on', async () => {
  const doc = new FakeDoc([['I recieve it.', null]], { subscription: false });
  const { host, requests, run } = await liveWord(doc);
  assert.equal(host.live.underlines, false);
  doc.type(12, 12, ', teh end');
  await run(800);
  assert.deepEqual(requests.slice(1), [['I recieve it, teh end.']]);
  assert.equal(doc.annotations.size, 0);
});

test('a long document is read a page at a time, the caret’s paragraphs first', async () => {
  const lines = Array.from({ length: 2 * PAGE + 50 }, (_, i) => `Paragraph ${i} here.`);
  const caret = lines.slice(0, 300).join('\r').length + 3;
  const doc = new FakeDoc([[lines.join('\r'), null]], { selection: [caret, caret] });
  let syncs = 0;
  const { requests, run } = await liveWord(doc, { api: 1.6 });
  for (let i = 0; i < 10; i += 1) {
    syncs = doc.syncs;
    await run(10);
  }
  assert.equal(requests[0][0], 'Paragraph 300 here.', 'the caret’s paragraph is checked first');
  assert.ok(requests.length >= 3, `${requests.length} requests: one per page`);
  assert.equal(new Set(requests.flat()).size, lines.length, 'every paragraph, once');
  assert.ok(doc.syncs - syncs <= 2, 'and nothing more once it is read');
});
