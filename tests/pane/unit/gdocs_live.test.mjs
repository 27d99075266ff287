// Checking as you write in Google Docs: the sidebar's poll (hosts/gdocs_live.js) against
// The Apps Script files (Live.gs and the helpers it uses) under the DocumentApp stand-in, driven by the pane's live checker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGdocsLive } from '../../../taskpane/hosts/gdocs_live.js';
import { IDLE_MS, POLL_MS } from '../../../taskpane/hosts/polling.js';
import { createLiveChecker } from '../../../taskpane/live/checker.js';
import { createStore, issuesOf } from '../../../taskpane/live/store.js';
import { fakeClock } from './fake_clock.mjs';
import { body, load, para } from './docs_standin.mjs';

/** The sidebar page's visibility, as the test sets it. */
function page() {
  const listeners = new Set();
  return {
    visibilityState: 'visible',
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    set(state) {
      this.visibilityState = state;
      listeners.forEach((listener) => listener());
    },
  };
}

/** A document, the sidebar's live host polling it, and the pane's checker on top. */
function setup(...paragraphs) {
  const doc = body(...paragraphs.map((text) => para(text)));
  const script = load(doc);
  const calls = [];
  const call = async (name, ...args) => {
    calls.push(name);
    return script.call(name, ...args);
  };
  const clock = fakeClock();
  const sidebar = page();
  const live = createGdocsLive(call, { document: sidebar, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout });
  const store = createStore();
  const requests = [];
  const checker = createLiveChecker({
    store,
    read: () => live.read(),
    check: async (request) => {
      requests.push(request.paragraphs.map((p) => p.text));
      return { paragraphs: request.paragraphs.map((p) => ({ id: p.id, issues: [] })) };
    },
    options: () => ({}),
    limits: () => ({ maxParagraphs: 50, maxChars: 20000 }),
    pauseMs: live.pauseMs,
    changed: () => {},
    status: () => {},
    clock,
  });
  live.watch({ edited: (how) => checker.edited(how), reveal: () => {} });
  checker.start();
  return { doc, calls, clock, sidebar, store, requests, live };
}

const polls = (calls) => calls.filter((name) => name === 'pollParagraphs').length;

test('a poll every 2.5 s sends only the paragraph the writer changed', async () => {
  const { doc, calls, clock, requests } = setup('First paragraph.', 'Second one.', 'Third.');
  await clock.advance(0);
  assert.deepEqual(requests, [['First paragraph.', 'Second one.', 'Third.']]);
  doc.getChild(1).editAsText().insertText(10, ' more');
  await clock.advance(POLL_MS);
  assert.deepEqual(requests.slice(1), [['Second one more.']]);
  assert.equal(polls(calls), 2, 'the check used the poll’s answer, not a second call');
});

test('an unchanged document is asked less and less often, and not at all while hidden', async () => {
  const { doc, calls, clock, sidebar, requests } = setup('Nothing changes here.');
  await clock.advance(0);
  const start = polls(calls);
  await clock.advance(60_000);
  const idle = polls(calls) - start;
  assert.ok(idle <= 2 + 60_000 / IDLE_MS, `${idle} polls in a quiet minute`);
  sidebar.set('hidden');
  const hidden = polls(calls);
  await clock.advance(120_000);
  assert.equal(polls(calls), hidden, 'no poll while the sidebar is hidden');
  sidebar.set('visible');
  doc.getChild(0).editAsText().insertText(0, 'Now ');
  await clock.advance(POLL_MS);
  assert.deepEqual(requests.at(-1), ['Now Nothing changes here.']);
});

test('a fix by paragraph changes the document, and the next poll follows it', async () => {
  const { doc, clock, live, store } = setup('I recieve it.');
  await clock.advance(0);
  const [id] = store.order;
  assert.equal(await live.applyFix(id, { start: 2, end: 9, expected: 'recieve', replacement: 'receive' }), true);
  assert.equal(doc.getChild(0).getText(), 'I receive it.');
  await clock.advance(POLL_MS);
  assert.equal(store.entries.get(id).text, 'I receive it.');
  assert.deepEqual(issuesOf(store, id), []);
});
