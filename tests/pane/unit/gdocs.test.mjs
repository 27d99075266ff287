// The Google Docs host adapter (taskpane/hosts/gdocs.js) against a stand-in for
// google.script.run: the chained withSuccessHandler/withFailureHandler API, answering
// asynchronously from scripted Code.gs functions, with every value passed through JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGdocsHost } from '../../../taskpane/hosts/gdocs.js';

/** A google.script.run whose server functions are `functions`; `calls` records each call. */
function fakeRun(functions) {
  const calls = [];
  const runner = (onSuccess = () => {}, onFailure = () => {}) => {
    const methods = {
      withSuccessHandler: (handler) => runner(handler, onFailure),
      withFailureHandler: (handler) => runner(onSuccess, handler),
    };
    for (const [name, fn] of Object.entries(functions)) {
      methods[name] = (...args) => {
        const sent = JSON.parse(JSON.stringify(args));
        calls.push([name, ...sent]);
        setTimeout(() => {
          try {
            const answer = fn(...sent);
            onSuccess(answer === undefined ? undefined : JSON.parse(JSON.stringify(answer)));
          } catch (error) {
            onFailure(error);
          }
        }, 1);
      };
    }
    return methods;
  };
  return { run: runner(), calls };
}

const MAP = { whole: false, segments: [{ path: [0], run: false, start: 0, length: 11, at: 0 }] };
const MOVED = { whole: false, segments: [{ path: [0], run: false, start: 0, length: 12, at: 0 }] };

test('read keeps the map; applyFix passes it back and keeps the map it answers', async () => {
  const { run, calls } = fakeRun({
    getSelection: () => ({ text: 'I has a cat', whole: false, map: MAP }),
    applyFix: (map) => ({ ok: true, map: map.segments[0].length === 11 ? MOVED : MAP }),
  });
  const host = await createGdocsHost({ run, serverSide: false });
  assert.equal(host.name, 'gdocs');
  assert.deepEqual(await host.read(), { text: 'I has a cat', whole: false });
  const change = { start: 2, end: 5, expected: 'has', replacement: 'have' };
  assert.equal(await host.applyFix(change), true);
  assert.deepEqual(calls[1], ['applyFix', MAP, 2, 5, 'has', 'have', null]); // no mark asked
  assert.equal(await host.applyFix({ start: 0, end: 1, expected: 'I', replacement: 'We' }), true);
  assert.deepEqual(calls[2][1], MOVED);
});

test('a refusal is false and keeps the map', async () => {
  const { run, calls } = fakeRun({
    getSelection: () => ({ text: 'x', whole: true, map: MAP }),
    applyFix: (map) => ({ ok: false, reason: 'stale', map }),
  });
  const host = await createGdocsHost({ run, serverSide: false });
  assert.equal(await host.applyFix({ start: 0, end: 1, expected: 'x', replacement: 'y' }), false, 'before any read');
  await host.read();
  assert.equal(await host.applyFix({ start: 0, end: 1, expected: 'x', replacement: 'y' }), false);
  assert.equal(await host.applyFix({ start: 0, end: 1, expected: 'x', replacement: 'y' }), false);
  assert.deepEqual(calls[2][1], MAP);
});

test('applyRewrite uses the edits when they all apply, else replaces the selection', async () => {
  let editsApply = true;
  const { run, calls } = fakeRun({
    getSelection: () => ({ text: 'Its fine', whole: false, map: MAP }),
    applyEdits: (map) => (editsApply ? { ok: true, map: MOVED } : { ok: false, reason: 'stale', map }),
    replaceSelection: () => ({ ok: true, map: MAP }),
  });
  const host = await createGdocsHost({ run, serverSide: false });
  await host.read();
  const changes = [{ start: 0, end: 3, expected: 'Its', replacement: "It's" }];
  assert.equal(await host.applyRewrite(changes, "It's fine"), 'edits');
  assert.deepEqual(calls.at(-1), ['applyEdits', MAP, changes, null]);
  editsApply = false;
  assert.equal(await host.applyRewrite(changes, "It's fine"), 'whole');
  assert.deepEqual(calls.at(-1), ['replaceSelection', MOVED, "It's fine", null]);
});

test('insertBelow sends the map; settings go as JSON and come back as an object', async () => {
  let saved = null;
  const { run, calls } = fakeRun({
    getSelection: () => ({ text: 'x', whole: false, map: MAP }),
    insertBelow: () => undefined,
    loadSettings: () => saved ?? {},
    saveSettings: (json) => {
      saved = JSON.parse(json);
    },
  });
  const host = await createGdocsHost({ run, serverSide: false });
  assert.deepEqual(await host.loadSettings(), {});
  await host.saveSettings({ dictionary: ['Penwise'], disabledRules: [] });
  assert.equal(typeof calls.at(-1)[1], 'string');
  assert.deepEqual(await host.loadSettings(), { dictionary: ['Penwise'], disabledRules: [] });
  await host.insertBelow('An idea');
  assert.deepEqual(calls.at(-1), ['insertBelow', { whole: true, segments: [] }, 'An idea', null], 'nothing read yet');
  await host.read();
  await host.insertBelow('An idea');
  assert.deepEqual(calls.at(-1), ['insertBelow', MAP, 'An idea', null]);
});

test('a failure in Apps Script rejects with an Error carrying its message', async () => {
  const { run } = fakeRun({
    getSelection: () => {
      throw { message: 'Authorization is required to perform that action.' };
    },
  });
  const host = await createGdocsHost({ run, serverSide: false });
  await assert.rejects(host.read(), { name: 'Error', message: 'Authorization is required to perform that action.' });
  await assert.rejects(host.loadSettings(), /no function loadSettings/);
});

test('without google.script.run the host says where to open the pane', async () => {
  await assert.rejects(createGdocsHost(), /Add-ons menu in Google Docs/);
});

test('direct mode has no transport; server-side mode reaches the API through callPenwise', async () => {
  const { run, calls } = fakeRun({
    callPenwise: (url, payload) =>
      url.endsWith('/v1/health')
        ? { status: 204, contentType: '', body: '' }
        : { status: 422, contentType: 'application/problem+json', body: JSON.stringify({ sent: JSON.parse(payload) }) },
  });
  assert.equal((await createGdocsHost({ run, serverSide: false })).transport, undefined);
  const host = await createGdocsHost({ run, serverSide: true });
  // Called as api.js calls fetch: a URL object and a RequestInit.
  const response = await host.transport(new URL('v1/improve', 'https://pw.example.org/'), {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: '{"text":"hi"}',
  });
  assert.equal(response.status, 422);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.deepEqual(await response.json(), { sent: { text: 'hi' } });
  assert.deepEqual(calls[0], ['callPenwise', 'https://pw.example.org/v1/improve', '{"text":"hi"}', 'application/json']);
  const empty = await host.transport('https://pw.example.org/v1/health', { method: 'GET' });
  assert.equal(empty.status, 204);
  assert.deepEqual(calls[1], ['callPenwise', 'https://pw.example.org/v1/health', null, null]);
});

test('an aborted server-side call rejects with AbortError at once', async () => {
  const { run } = fakeRun({ callPenwise: () => ({ status: 200, contentType: 'application/json', body: '{}' }) });
  const host = await createGdocsHost({ run, serverSide: true });
  const controller = new AbortController();
  const pending = host.transport('https://pw.example.org/v1/improve', { method: 'POST', body: '{}', signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, { name: 'AbortError' });
  await assert.rejects(host.transport('https://pw.example.org/v1/improve', { signal: controller.signal }), { name: 'AbortError' });
});

test('the server and the mode come from Code.gs through google.script.run', async () => {
  // HtmlService drops <meta> tags in the page and does not document keeping <html> attributes,
  // so the sidebar asks Code.gs's getSidebarConfig, a documented channel.
  for (const [transport, hasTransport] of [['apps-script', true], ['fetch', false]]) {
    const { run, calls } = fakeRun({ getSidebarConfig: () => ({ api: 'https://pw.example.org/pen/', transport }) });
    const host = await createGdocsHost({ run });
    assert.deepEqual(calls, [['getSidebarConfig']]);
    assert.equal(host.server, 'https://pw.example.org/pen/');
    assert.equal(typeof host.transport === 'function', hasTransport, transport);
  }
});

test('a project exported before Code.gs said its settings is told to export again', async () => {
  const { run } = fakeRun({});
  await assert.rejects(createGdocsHost({ run }), /no function getSidebarConfig; export it again/);
});
