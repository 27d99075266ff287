// The Outlook host against a stand-in for Outlook: office-addin-mock gives Office.context
// .mailbox.item its shape; a small mail model below keeps the body (HTML or plain text), the
// writer's selection and cursor, and every write Outlook was asked to make. linkedom's
// DOMParser stands in for the browser's (the Chromium tests run the real one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from 'linkedom';
import { OfficeMockObject } from 'office-addin-mock';
import { createOutlookHost, WRITE_LIMIT } from '../../../taskpane/hosts/outlook.js';
import { htmlBody, serialise } from '../../../taskpane/hosts/outlook_body.js';
import { ApiProblem } from '../../../taskpane/api.js';

/** A message being composed: its body, the writer's selection, and what was written. */
class FakeMail {
  constructor({ html = null, text = null, selection = '' } = {}) {
    this.type = html === null ? 'text' : 'html';
    this.body = html ?? text;
    this.selection = selection;
    this.writes = [];
    this.atCursor = [];
  }
}

const ok = (value) => ({ status: 'succeeded', value });

/** Office, over `mail`, supporting Mailbox 1.1 up to 1.`mailbox`. */
function install(mail, { mailbox = 15, roaming = {}, opener = null } = {}) {
  const callback = (args) => args[args.length - 1];
  globalThis.Office = new OfficeMockObject({
    host: 'outlook',
    onReady: async () => ({ host: 'Outlook' }),
    CoercionType: { Html: 'html', Text: 'text' },
    context: {
      displayLanguage: 'en-US',
      requirements: { isSetSupported: (name, version) => name === 'Mailbox' && Number(version.split('.')[1]) <= mailbox },
      roamingSettings: {
        get: (name) => roaming[name],
        set: (name, value) => (roaming[name] = structuredClone(value)),
        saveAsync: (done) => done(ok(undefined)),
      },
      mailbox: {
        item: {
          getInitializationContextAsync: (done) => done(ok(opener)),
          getSelectedDataAsync: (coercion, ...rest) => callback(rest)(ok({ data: mail.selection, sourceProperty: 'body' })),
          body: {
            getTypeAsync: (...args) => callback(args)(ok(mail.type)),
            getAsync: (coercion, ...rest) => {
              assert.equal(coercion, mail.type, 'the body is read as its own type');
              callback(rest)(ok(mail.body));
            },
            setAsync: (data, options, done) => {
              assert.equal(options.coercionType, mail.type, 'the body is written as its own type');
              if (data.length > WRITE_LIMIT) return done({ status: 'failed', error: { message: 'DataExceedsMaximumSize' } });
              mail.body = data;
              mail.writes.push(data);
              done(ok(undefined));
            },
            setSelectedDataAsync: (data, options, done) => {
              mail.atCursor.push({ data, coercionType: options.coercionType });
              done(ok(undefined));
            },
          },
        },
      },
    },
  });
  return roaming;
}

const host = () => createOutlookHost({ Parser: DOMParser });
/** A body as Outlook hands it over: a whole HTML document. */
const page = (inner) => `<html><head></head><body>${inner}</body></html>`;

// A reply as Outlook on the web writes it: the writer's part with bold, a link, a signature
// with a picture, then the separator and the quoted message (with mistakes of its own).
const REPLY = [
  '<html><head><style>p { margin: 0 }</style></head><body>',
  '<div>Hi Sam,</div>',
  '<div>Thanks for the <b>quick</b> answer. I will recieve the files tomorow and put them on ',
  '<a href="https://example.org/report">the report page</a>.</div>',
  '<div id="Signature"><div>Best regards,<br>Ana Silva<br><img src="cid:logo.png" alt="Logo"></div></div>',
  '<div id="appendonsend"></div><hr>',
  '<div id="divRplyFwdMsg"><b>From:</b> Sam Lee<br><b>Sent:</b> Monday<br><b>Subject:</b> Files</div>',
  '<div>Can you recieve the files? I has a question.</div>',
  '</body></html>',
].join('\n');

/** The reply as the parser writes it back, with `from` changed to `to` (first time only). */
const rewritten = (html, ...pairs) => {
  let out = serialise(htmlBody(html, DOMParser));
  for (const [from, to] of pairs) out = out.replace(from, to);
  return out;
};

test('a reply is read up to the quoted thread, signature included', async () => {
  install(new FakeMail({ html: REPLY }));
  const read = await (await host()).read();
  assert.equal(read.whole, true);
  assert.equal(
    read.text,
    'Hi Sam,\nThanks for the quick answer. I will recieve the files tomorow and put them on the report page.\nBest regards,\nAna Silva',
  );
  assert.ok(!read.text.includes('I has'), 'the quoted message is never checked');
});

test('a fix changes one word of an HTML body and nothing else', async () => {
  const mail = new FakeMail({ html: REPLY });
  install(mail);
  const outlook = await host();
  const { text } = await outlook.read();
  const start = text.indexOf('recieve');
  assert.equal(await outlook.applyFix({ start, end: start + 7, expected: 'recieve', replacement: 'receive' }), true);
  assert.equal(mail.body, rewritten(REPLY, ['recieve the files tomorow', 'receive the files tomorow']));
  assert.match(mail.body, /Can you recieve the files\? I has a question/, 'the quoted message is untouched');
  // A second fix lands in the right place in the body as it is now.
  const at = text.indexOf('tomorow');
  assert.equal(await outlook.applyFix({ start: at, end: at + 7, expected: 'tomorow', replacement: 'tomorrow' }), true);
  assert.equal(mail.body, rewritten(REPLY, ['recieve the files tomorow', 'receive the files tomorrow']));
});

test('a fix spanning bold text keeps the bold tag and changes only those words', async () => {
  const mail = new FakeMail({ html: page('<div>It was a <b>realy</b> good day.</div>') });
  install(mail);
  const outlook = await host();
  const { text } = await outlook.read();
  const start = text.indexOf('a realy');
  assert.equal(await outlook.applyFix({ start, end: start + 7, expected: 'a realy', replacement: 'a really' }), true);
  assert.equal(mail.body, rewritten(page('<div>It was a <b>realy</b> good day.</div>'), ['a <b>realy</b>', 'a really<b></b>']));
});

test('a rewrite applied edit by edit keeps the link, the bold and the signature', async () => {
  const mail = new FakeMail({ html: REPLY });
  install(mail);
  const outlook = await host();
  const { text } = await outlook.read();
  const edit = (from, to) => ({ start: text.indexOf(from), end: text.indexOf(from) + from.length, expected: from, replacement: to });
  const how = await outlook.applyRewrite(
    [edit('quick', 'fast'), edit('recieve', 'receive'), edit('tomorow', 'tomorrow'), edit('put', 'post')],
    text.replace('quick', 'fast').replace('recieve', 'receive').replace('tomorow', 'tomorrow').replace('put', 'post'),
  );
  assert.equal(how, 'edits');
  assert.equal(
    mail.body,
    rewritten(REPLY, ['<b>quick</b>', '<b>fast</b>'], ['recieve the files tomorow and put', 'receive the files tomorrow and post']),
  );
  assert.match(mail.body, /<a href="https:\/\/example.org\/report">the report page<\/a>/);
  assert.match(mail.body, /<img src="cid:logo.png" alt="Logo">/);
});

test('a rewrite whose edits cannot be made one by one replaces the text, not the thread', async () => {
  const mail = new FakeMail({ html: REPLY });
  install(mail);
  const outlook = await host();
  const { text } = await outlook.read();
  // An edit across the line break between "Sam," and "Thanks" cannot be made in place.
  const how = await outlook.applyRewrite(
    [{ start: 4, end: 13, expected: 'Sam,\nThan', replacement: 'Sam. Than' }],
    'Hello Sam,\nThank you.',
  );
  assert.equal(how, 'whole');
  const after = htmlBody(mail.body, DOMParser);
  assert.equal(after.text.slice(0, after.quoteAt).trim(), 'Hello Sam,\nThank you.');
  assert.match(mail.body, /Can you recieve the files\? I has a question/, 'the quoted message stays');
  assert.ok(text.length > 0);
});

test('a fix is refused, changing nothing, when the writer has changed the word since', async () => {
  const mail = new FakeMail({ html: REPLY });
  install(mail);
  const outlook = await host();
  const { text } = await outlook.read();
  mail.body = mail.body.replace('recieve the files tomorow', 'get the files tomorow');
  const before = mail.body;
  const start = text.indexOf('recieve');
  assert.equal(await outlook.applyFix({ start, end: start + 7, expected: 'recieve', replacement: 'receive' }), false);
  assert.equal(mail.body, before);
});

test('text typed above what was read does not move a fix', async () => {
  const mail = new FakeMail({ html: REPLY });
  install(mail);
  const outlook = await host();
  const { text } = await outlook.read();
  mail.body = mail.body.replace('<div>Hi Sam,</div>', '<div>Morning!</div><div>Hi Sam,</div>');
  // What was read now starts after "Morning!": it is found again there.
  const start = text.indexOf('tomorow');
  assert.equal(await outlook.applyFix({ start, end: start + 7, expected: 'tomorow', replacement: 'tomorrow' }), true);
  assert.equal(
    mail.body,
    rewritten(REPLY, ['<div>Hi Sam,</div>', '<div>Morning!</div><div>Hi Sam,</div>'], ['files tomorow', 'files tomorrow']),
  );
});

test('a selection is read and fixed where it is, even when the word is also quoted', async () => {
  const mail = new FakeMail({ html: REPLY, selection: 'I will recieve the files' });
  install(mail);
  const outlook = await host();
  const read = await outlook.read();
  assert.deepEqual(read, { text: 'I will recieve the files', whole: false });
  assert.equal(await outlook.applyFix({ start: 7, end: 14, expected: 'recieve', replacement: 'receive' }), true);
  assert.equal(mail.body, rewritten(REPLY, ['recieve the files tomorow', 'receive the files tomorow']));
});

test('a selection written twice by the writer is refused in words', async () => {
  install(new FakeMail({ html: page('<div>See you soon.</div><div>See you soon.</div>'), selection: 'See you soon.' }));
  const outlook = await host();
  await assert.rejects(outlook.read(), (error) => error instanceof ApiProblem && error.key === 'mail.selectionRepeated');
});

test('Insert below puts text at the cursor when nothing is selected, escaped for HTML', async () => {
  const mail = new FakeMail({ html: REPLY });
  install(mail);
  const outlook = await host();
  await outlook.read();
  await outlook.insertBelow('Next steps:\n1. <Review> & sign');
  assert.deepEqual(mail.atCursor, [{ data: 'Next steps:<br>1. &lt;Review&gt; &amp; sign', coercionType: 'html' }]);
  assert.equal(mail.writes.length, 0, 'the body was not rewritten');
});

test('Insert below a selection adds lines under its paragraph', async () => {
  const mail = new FakeMail({ html: REPLY, selection: 'Hi Sam,' });
  install(mail);
  const outlook = await host();
  await outlook.read();
  await outlook.insertBelow('Good to hear from you.');
  assert.equal(mail.body, rewritten(REPLY, ['<div>Hi Sam,</div>', '<div>Hi Sam,</div><div>Good to hear from you.</div>']));
});

test('a plain-text body is read without its quote and fixed with its line ends kept', async () => {
  const text = 'Hi Sam,\r\nI will recieve it tomorow.\r\n\r\n-----Original Message-----\r\nFrom: Sam\r\nSent: Monday\r\n\r\nDo you recieve it?';
  const mail = new FakeMail({ text });
  install(mail);
  const outlook = await host();
  const read = await outlook.read();
  assert.deepEqual(read, { text: 'Hi Sam,\nI will recieve it tomorow.', whole: true });
  const start = read.text.indexOf('recieve');
  assert.equal(await outlook.applyFix({ start, end: start + 7, expected: 'recieve', replacement: 'receive' }), true);
  assert.equal(mail.body, text.replace('recieve', 'receive'));
  await outlook.insertBelow('Thanks!');
  assert.deepEqual(mail.atCursor, [{ data: 'Thanks!', coercionType: 'text' }]);
});

test('a plain-text reply quoted with ">" is read without the quoted lines', async () => {
  install(new FakeMail({ text: 'Sounds good.\n\n> Shall we meet at noon?\n> Sam' }));
  assert.equal((await (await host()).read()).text, 'Sounds good.');
});

test('a body near the write limit: a fix that fits is written, one that would not is refused in words', async () => {
  const filler = `<div>${'Lorem ipsum dolor sit amet. '.repeat(35_700)}</div>`;
  const html = `<html><head></head><body><div>I will recieve it.</div>${filler}</body></html>`;
  const size = serialise(htmlBody(html, DOMParser)).length;
  assert.ok(size > WRITE_LIMIT - 1000 && size <= WRITE_LIMIT, `the body is ${size} characters`);
  const mail = new FakeMail({ html });
  install(mail);
  const outlook = await host();
  const { text } = await outlook.read();
  const start = text.indexOf('recieve');
  assert.equal(await outlook.applyFix({ start, end: start + 7, expected: 'recieve', replacement: 'receive' }), true);
  const before = mail.body;
  const longer = 'I'.repeat(WRITE_LIMIT - before.length + 2); // one character too many
  await assert.rejects(
    outlook.applyFix({ start: 0, end: 1, expected: 'I', replacement: longer }),
    (error) => error instanceof ApiProblem && error.key === 'mail.tooLong' && error.params.limit === (1_000_000).toLocaleString(),
  );
  assert.equal(mail.body, before, 'the body was left as it was');
});

test('settings roam with the mailbox, where the send check reads them', async () => {
  const roaming = install(new FakeMail({ html: REPLY }));
  const outlook = await host();
  assert.deepEqual(await outlook.loadSettings(), {});
  await outlook.saveSettings({ dictionary: ['Penwise'], disabledRules: ['style.passive'] });
  assert.deepEqual(roaming.penwise, { dictionary: ['Penwise'], disabledRules: ['style.passive'] });
  assert.deepEqual(await outlook.loadSettings(), roaming.penwise);
});

test('an Outlook without Mailbox 1.3 is refused in words', async () => {
  install(new FakeMail({ html: REPLY }), { mailbox: 2 });
  await assert.rejects(host(), /Mailbox 1.3/);
});

test('opened by the send check’s Review button, the pane checks at once', async () => {
  install(new FakeMail({ html: REPLY }), { opener: JSON.stringify({ from: 'send-check', count: 2 }) });
  assert.equal((await host()).checkOnOpen, true);
  install(new FakeMail({ html: REPLY }));
  assert.equal((await host()).checkOnOpen, false, 'opened from the ribbon, it waits for Improve');
  install(new FakeMail({ html: REPLY }), { opener: JSON.stringify({ from: 'send-check' }), mailbox: 7 });
  assert.equal((await host()).checkOnOpen, false, 'before Mailbox 1.8 there is no context to read');
});

// ---- Checking as you write ----

test('as you write: the writer’s lines are polled, never the quoted thread, and a fix by line keeps the rest', async () => {
  const mail = new FakeMail({ html: REPLY });
  install(mail);
  const { live } = await host();
  const { order, texts } = await live.read();
  const lines = order.map((id) => texts.get(id));
  assert.ok(lines.some((line) => line.includes('recieve the files tomorow')));
  assert.ok(!lines.some((line) => line.includes('I has')), 'the quoted message is never polled');
  const id = order[lines.findIndex((line) => line.includes('recieve'))];
  const line = texts.get(id);
  const at = line.indexOf('recieve');
  assert.equal(await live.applyFix(id, { start: at, end: at + 7, expected: 'recieve', replacement: 'receive' }), true);
  assert.equal(mail.body, rewritten(REPLY, ['I will recieve', 'I will receive']));
  assert.equal(await live.applyFix(id, { start: at, end: at + 7, expected: 'recieve', replacement: 'receive' }), false, 'not twice');
  // The writer types in the first line: the next read keeps the other lines' ids.
  mail.body = mail.body.replace('Hi Sam,', 'Hi Sam, again,');
  const polled = await new Promise((resolve) => {
    const stop = live.watch({ edited: () => (stop(), resolve(true)), reveal: () => {} });
    setTimeout(() => (stop(), resolve(false)), 4000);
  });
  assert.equal(polled, true, 'the poll saw the change');
  const after = await live.read();
  assert.equal(after.texts.get(after.order[0]), 'Hi Sam, again,');
  assert.deepEqual(after.order.slice(1), order.slice(1), 'the other lines keep their ids');
});
