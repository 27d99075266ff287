// Outlook's check on Send, run as classic Outlook on Windows runs it: the one script the server
// serves (/outlook/on-send.js), in a bare `vm` context with no DOM, no window, no localStorage;
// only what that JavaScript-only runtime has (fetch, timers, console) and Office, which
// office-addin-mock stands in for. It talks to the real Penwise server (PENWISE_URL, started by
// tests/outlook/test_send_check.py), or to a scripted loopback server for the failures.
// Run by pytest: `node --test tests/outlook/send_check.mjs`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import vm from 'node:vm';
import * as acorn from 'acorn';
import { OfficeMockObject } from 'office-addin-mock';
import en from '../../taskpane/i18n/en.js';
import zhCN from '../../taskpane/i18n/zh-CN.js';

const PENWISE = process.env.PENWISE_URL;
assert.ok(PENWISE, 'PENWISE_URL names the Penwise server to test against');
const DEADLINE_MS = 4000;

/** The script as the server serves it to an Outlook that reached it at `host` (host:port). */
async function script(host) {
  const url = new URL('/outlook/on-send.js', PENWISE);
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { Host: host } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(body))));
      })
      .on('error', reject);
  });
}

const penwiseHost = new URL(PENWISE).host;

/**
 * Load `source` in a fresh runtime over a mail whose body is `body`; answer the handler it
 * associated and what it logged.
 */
function load(source, { body, mailbox = 15, language = 'en-US', roaming = {}, storage = null, fetcher = fetch }) {
  const handlers = {};
  const warnings = [];
  const Office = new OfficeMockObject({
    host: 'outlook',
    actions: { associate: (name, handler) => (handlers[name] = handler) },
    CoercionType: { Html: 'html', Text: 'text' },
    MailboxEnums: { SendModeOverride: { PromptUser: 'promptUser' }, BodyMode: { FullBody: 0, HostConfig: 1 } },
    context: {
      displayLanguage: language,
      requirements: { isSetSupported: (name, version) => name === 'Mailbox' && Number(version.split('.')[1]) <= mailbox },
      roamingSettings: { get: (name) => roaming[name] },
      mailbox: {
        item: {
          body: {
            getAsync: (coercion, options, done) => {
              assert.equal(coercion, 'text');
              assert.equal(options.bodyMode, 1, 'the body is read as the writer sees it (HostConfig)');
              done({ status: 'succeeded', value: body });
            },
          },
        },
      },
    },
  });
  const runtime = {
    Office,
    setTimeout,
    clearTimeout,
    AbortController,
    console: { warn: (line) => warnings.push(line), log: () => {}, error: (line) => warnings.push(line) },
  };
  if (storage) runtime.OfficeRuntime = { storage };
  if (fetcher) runtime.fetch = fetcher;
  const context = vm.createContext(runtime);
  vm.runInContext(source, context, { filename: 'on-send.js' });
  for (const name of ['document', 'window', 'localStorage', 'DOMParser', 'XMLHttpRequest']) {
    assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `${name} is not in the runtime`);
  }
  const handler = handlers.onMessageSendHandler;
  if (typeof handler !== 'function') throw new Error('the script never called Office.actions.associate("onMessageSendHandler", …)');
  return { handler, warnings };
}

/** Send: run the handler and wait for event.completed (once). */
async function send(handler) {
  const started = Date.now();
  const options = await new Promise((resolve, reject) => {
    let calls = 0;
    handler({
      completed: (value) => {
        calls += 1;
        if (calls > 1) reject(new Error('event.completed was called twice'));
        // As plain data (the runtime's objects have its own prototypes); a second call would come in 50 ms.
        else setTimeout(() => resolve(JSON.parse(JSON.stringify(value))), 50);
      },
    });
    setTimeout(() => reject(new Error('event.completed was never called')), 10_000);
  });
  return { options, ms: Date.now() - started };
}

/** A loopback server that plays Penwise's /v1 as told, and counts what it was asked. */
async function scripted(answer) {
  const asked = [];
  const hanging = [];
  const server = http.createServer((request, response) => {
    asked.push(`${request.method} ${request.url}`);
    answer(request, response, hanging);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${server.address().port}`;
  after(() => {
    for (const response of hanging) response.destroy();
    server.close();
  });
  return { host, asked };
}

const info = (response, sendCheck = true) => {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ name: 'Penwise', send_check: sendCheck }));
};

const REPLY_WITH_ERRORS = 'Hi Sam,\r\nI will recieve the files tomorow.\r\n\r\nAna\r\n\r\nFrom: Sam Lee\r\nSent: Monday\r\nSubject: Files\r\n\r\nCan you sent them?';
const CLEAN_REPLY = 'Hi Sam,\r\nI will send the files tomorrow.\r\n\r\nAna\r\n\r\n-----Original Message-----\r\nFrom: Sam Lee\r\nSent: Monday\r\n\r\nCan you recieve them? I has a question.';

const served = await script(penwiseHost);

test('the script is ES2016 and a classic script (classic Outlook before build 2403)', () => {
  assert.doesNotThrow(() => acorn.parse(served, { ecmaVersion: 2016, sourceType: 'script' }));
});

test('a clean mail is allowed, its quoted part never checked', async () => {
  const { handler, warnings } = load(served, { body: CLEAN_REPLY });
  const { options } = await send(handler);
  assert.deepEqual(options, { allowEvent: true });
  assert.deepEqual(warnings, []);
});

test('a mail with errors is held once, with the pane’s sentence and a button to the pane', async () => {
  const { handler } = load(served, { body: REPLY_WITH_ERRORS });
  const { options } = await send(handler);
  const found = en['send.found.other'].replace('{count}', '2');
  assert.deepEqual(options, {
    allowEvent: false,
    errorMessage: `${found} ${en['send.choose']}`,
    errorMessageMarkdown: `**${found}**\n\n${en['send.choose']}`,
    cancelLabel: en['send.review'],
    commandId: 'Penwise.OpenPane',
    contextData: JSON.stringify({ from: 'send-check', count: 2 }),
    sendModeOverride: 'promptUser',
  });
  assert.ok(options.cancelLabel.length <= 20, 'Outlook shows at most 20 characters on the button');
});

test('in Chinese Outlook the message is Chinese; before Mailbox 1.15 there is no Markdown', async () => {
  const { handler } = load(served, { body: REPLY_WITH_ERRORS, language: 'zh-CN', mailbox: 14 });
  const { options } = await send(handler);
  assert.equal(options.errorMessage, `${zhCN['send.found.other'].replace('{count}', '2')} ${zhCN['send.choose']}`);
  assert.equal(options.cancelLabel, zhCN['send.review']);
  assert.equal('errorMessageMarkdown' in options, false);
});

test('before Mailbox 1.14 (no Send Anyway button) pressing Send again sends the same text', async () => {
  const stored = new Map();
  const storage = {
    getItem: async (key) => stored.get(key) ?? null,
    setItem: async (key, value) => void stored.set(key, value),
  };
  const first = load(served, { body: REPLY_WITH_ERRORS, mailbox: 12, storage });
  const held = await send(first.handler);
  assert.deepEqual(held.options, {
    allowEvent: false,
    errorMessage: `${en['send.found.other'].replace('{count}', '2')} ${en['send.again']}`,
  });
  assert.ok([...stored.keys()].every((key) => !key.includes('recieve')), 'the text itself is never stored');
  // Classic Outlook starts a new runtime for the next send: OfficeRuntime.storage remembers.
  const again = load(served, { body: REPLY_WITH_ERRORS, mailbox: 12, storage });
  assert.deepEqual((await send(again.handler)).options, { allowEvent: true });
  const changed = load(served, { body: REPLY_WITH_ERRORS.replace('files', 'file'), mailbox: 12, storage });
  assert.equal((await send(changed.handler)).options.allowEvent, false, 'a changed mail is checked anew');
});

test('words in the writer’s dictionary (roaming settings) do not hold the mail', async () => {
  const roaming = { penwise: { dictionary: ['recieve', 'tomorow'], disabledRules: [] } };
  const { handler } = load(served, { body: REPLY_WITH_ERRORS, roaming });
  assert.deepEqual((await send(handler)).options, { allowEvent: true });
});

test('a server that hangs lets the mail go within 4 s, and says why in the log', async () => {
  const { host, asked } = await scripted((request, response, hanging) => {
    if (request.url === '/v1/info') return info(response);
    hanging.push(response); // never answers
  });
  const { handler, warnings } = load(await script(host), { body: REPLY_WITH_ERRORS });
  const { options, ms } = await send(handler);
  assert.deepEqual(options, { allowEvent: true });
  assert.ok(ms >= DEADLINE_MS - 100 && ms < DEADLINE_MS + 1000, `answered after ${ms} ms`);
  assert.deepEqual(asked, ['GET /v1/info', 'POST /v1/check']);
  assert.deepEqual(warnings, ['Penwise send check: no answer within 4 s; the message was sent unchecked.']);
});

test('a server answering 500 lets the mail go at once', async () => {
  const { host } = await scripted((request, response) => {
    if (request.url === '/v1/info') return info(response);
    response.writeHead(500, { 'Content-Type': 'application/problem+json' });
    response.end('{"status": 500}');
  });
  const { handler, warnings } = load(await script(host), { body: REPLY_WITH_ERRORS });
  const { options, ms } = await send(handler);
  assert.deepEqual(options, { allowEvent: true });
  assert.ok(ms < 2000, `answered after ${ms} ms`);
  assert.deepEqual(warnings, ['Penwise send check: v1/check answered 500; the message was sent unchecked.']);
  assert.ok(warnings.every((line) => !line.includes('recieve')), 'the text never reaches the log');
});

test('an unreachable server lets the mail go', async () => {
  const { host } = await scripted(() => {});
  const source = await script(host);
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const nobody = `127.0.0.1:${closed.address().port}`;
  await new Promise((resolve) => closed.close(resolve));
  const { handler, warnings } = load(source.replace(`http://${host}/`, `http://${nobody}/`), { body: REPLY_WITH_ERRORS });
  assert.deepEqual((await send(handler)).options, { allowEvent: true });
  assert.equal(warnings.length, 1);
});

test('a runtime without fetch lets the mail go at once', async () => {
  const { handler, warnings } = load(served, { body: REPLY_WITH_ERRORS, fetcher: null });
  const { options, ms } = await send(handler);
  assert.deepEqual(options, { allowEvent: true });
  assert.ok(ms < 1000, `answered after ${ms} ms`);
  assert.match(warnings[0], /fetch is not defined/);
});

test('an organisation that switched the check off gets every mail through unchecked', async () => {
  const { host, asked } = await scripted((request, response) => info(response, false));
  const { handler } = load(await script(host), { body: REPLY_WITH_ERRORS });
  assert.deepEqual((await send(handler)).options, { allowEvent: true });
  assert.deepEqual(asked, ['GET /v1/info'], 'the text was never sent');
});

test('a script that does not call Office.actions.associate fails this test', () => {
  const without = served.replace(/Office\.actions\.associate\([^)]*\);/, '');
  assert.notEqual(without, served);
  assert.throws(() => load(without, { body: CLEAN_REPLY }), /never called Office\.actions\.associate/);
});
