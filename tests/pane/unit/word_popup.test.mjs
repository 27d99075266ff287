// The pop-up on Word's underline, end to end in the pane: the pane's check actions
// (actions/check.js) drive the Word host (hosts/word.js) over the Word stand-in, with the
// server's /v1/improve answer given to api.js. A suggestion accepted in the pop-up lands once:
// Word on the web and on Windows have already replaced the words when the pane hears of it
// (the annotations guide; office-js issue 6644), Word on Mac has not (6644).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi } from '../../../taskpane/api.js';
import { checkActions } from '../../../taskpane/actions/check.js';
import { createLive } from '../../../taskpane/actions/live.js';
import { initialState, visibleIssues } from '../../../taskpane/state.js';
import { createWordHost } from '../../../taskpane/hosts/word.js';
import { FakeDoc, install } from './word_standin.mjs';

// The pane moves the keyboard to the next card by a CSS selector; Node has no CSS.escape.
globalThis.CSS ??= { escape: (value) => value };

/** One issue as /v1/improve answers it: the article "a" standing alone at `at`. */
function issue(text, at, id) {
  const flagged = 'a';
  const replacements = ['an'];
  assert.equal(text.slice(at - 1, at + 2), ' a ');
  return { id, rule_id: 'grammar.article', category: 'correctness', message: '', text: flagged, utf16_offset: at, utf16_length: flagged.length, replacements };
}

/** The pane's check actions over `host`, its server answering /v1/improve with `issues`. */
function pane(host, issues) {
  const state = initialState();
  const fetchImpl = async (url) => {
    if (!String(url).endsWith('v1/improve')) return new Response(null, { status: 204 });
    const answer = { issues, engine: 'local', degraded: false, warnings: [], incomplete: false, rewrite: { rewritten: '', edits: [] } };
    return new Response(JSON.stringify(answer), { headers: { 'Content-Type': 'application/json' } });
  };
  const ctx = {
    state,
    api: createApi({ base: 'http://127.0.0.1:1/', fetchImpl }),
    host,
    t: (key) => key,
    root: { querySelector: () => null },
    render() {},
    announce() {},
    notify(key, params) {
      state.notice = { key, params };
    },
    fail(error) {
      throw error;
    },
    save() {},
    shown: () => (state.doc ? visibleIssues(state.issues, state.doc.text, state.ignored, state.settings.disabledRules) : []),
    run: async (busyKey, work) => {
      state.notice = null;
      await work(new AbortController().signal);
    },
    readDocument: () => host.read(),
    checkOptions: () => ({ dictionary: [], disabled_rules: [] }),
    rewriteOptions: () => ({ tone: null, formality: 0, length: 'same', instruction: '' }),
    renderSoon() {},
    reveal() {},
  };
  ctx.live = createLive(ctx);
  return { state, actions: checkActions(ctx) };
}

for (const [platform, acceptReplaces] of [['on the web and Windows', true], ['on Mac', false]]) {
  test(`"a" -> "an" accepted in the pop-up gives "an", not "ann" (Word ${platform})`, async () => {
    const doc = new FakeDoc([['I ate a apple.', null]], { acceptReplaces });
    const host = await install(doc, createWordHost);
    const { state, actions } = pane(host, [issue('I ate a apple.', 6, 'i1')]);
    await actions.improve();
    const [id] = doc.annotations.keys();
    assert.equal(doc.annotated(id), 'a');

    await doc.accept(id, 'an');
    assert.equal(doc.text, 'I ate an apple.');
    assert.equal(state.doc.text, 'I ate an apple.');
    assert.deepEqual(state.issues, []);
    assert.deepEqual(state.notice, { key: 'status.applied', params: { from: 'a', to: 'an' } });
  });

  test(`after a pop-up choice the other cards still land (Word ${platform})`, async () => {
    const text = 'I ate a apple and a orange.';
    const doc = new FakeDoc([[text, null]], { acceptReplaces });
    const host = await install(doc, createWordHost);
    const { state, actions } = pane(host, [issue(text, 6, 'i1'), issue(text, 18, 'i2')]);
    await actions.improve();
    const [first] = doc.annotations.keys();
    await doc.accept(first, 'an');
    assert.equal(state.doc.text, 'I ate an apple and a orange.');
    // The second card moved by one unit with the first change: its button still fixes its words.
    await actions.applyFix(state.issues[0], 'an');
    assert.equal(doc.text, 'I ate an apple and an orange.');
    assert.equal(state.doc.text, doc.text);
  });
}

test('a pop-up choice on words the writer has since changed is not applied again', async () => {
  const doc = new FakeDoc([['I ate a apple.', null]], { acceptReplaces: false });
  const host = await install(doc, createWordHost);
  const { state, actions } = pane(host, [issue('I ate a apple.', 6, 'i1')]);
  await actions.improve();
  const [id] = doc.annotations.keys();
  doc.type(0, 1, 'We');
  await doc.accept(id, 'an');
  assert.equal(doc.text, 'We ate a apple.');
  assert.deepEqual(state.notice, { key: 'status.stale', params: undefined });
});

test('a Word without Microsoft 365 shows cards only, and says so once', async () => {
  const text = 'I ate a apple.';
  const doc = new FakeDoc([[text, null]], { subscription: false });
  const host = await install(doc, createWordHost);
  const { state, actions } = pane(host, [issue(text, 6, 'i1')]);
  await actions.improve();
  assert.deepEqual(state.notice, { key: 'status.marksUnavailable' });
  assert.equal(state.issues.length, 1, 'the card is there');
  await actions.improve();
  assert.equal(state.notice, null, 'said once a session');
  assert.equal(state.issues.length, 1);
  await actions.applyFix(state.issues[0], 'an');
  assert.equal(doc.text, 'I ate an apple.');
});
