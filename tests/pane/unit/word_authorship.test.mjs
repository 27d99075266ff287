// Who wrote what, in Word: content controls around the text Penwise put in, against the Word
// stand-in (word_standin.mjs: Word's objects built from @types/office-js, with Word's refusal
// of a control that straddles another one or sits in a field), read back for the report.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createWordHost } from '../../../taskpane/hosts/word.js';
import { markFor, passageWords, shares } from '../../../taskpane/authorship/marks.js';
import { FakeDoc, install as installWord } from './word_standin.mjs';

const install = (doc, options) => installWord(doc, createWordHost, options);
const WHEN = new Date('2025-03-04T10:00:00Z');
const MODEL = {
  mark: markFor({ engine: 'llm', model: 'test-model', prompt_version: 'rewrite/v2', generated: true, model_rules: [] }, 'rewrite', 'formal', WHEN),
  label: 'Written with Penwise (test-model)',
};
const LOCAL = {
  mark: markFor({ engine: 'local', model: null, prompt_version: null, generated: false, model_rules: [] }, 'fix', null, WHEN),
  label: 'Edited with Penwise',
};

beforeEach(() => {
  delete globalThis.localStorage;
});

/** The changes of a rewrite of `text`: each [from, to] word pair, at its first place. */
function changes(text, pairs) {
  return pairs.map(([from, to]) => {
    const start = text.indexOf(from);
    return { start, end: start + from.length, expected: from, replacement: to };
  });
}

test('a model rewrite applied edit by edit gets content controls around the inserted words only', async () => {
  const doc = new FakeDoc([['We recieve alot of mail about teh launch.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  const edits = changes(text, [['recieve', 'receive'], ['alot', 'a lot'], ['teh', 'the']]);
  const rewritten = 'We receive a lot of mail about the launch.';

  assert.equal(await host.applyRewrite(edits, rewritten, MODEL), 'edits');

  assert.equal(doc.text, rewritten);
  assert.deepEqual(doc.controlled('penwise:ai'), ['receive', 'a lot', 'the']);
  for (const control of doc.controlSpans()) {
    assert.equal(control.title, 'Written with Penwise (test-model)');
    assert.equal(control.appearance, 'Hidden');
  }
  // Each passage's record travels in the document's settings, by its control's id.
  const records = doc.controlSpans().map((control) => doc.settings.get(`penwise.mark.cc:${control.id}`));
  assert.deepEqual(records.map((record) => [record.kind, record.model, record.operation, record.tone, record.chars]), [
    ['model', 'test-model', 'rewrite', 'formal', 7],
    ['model', 'test-model', 'rewrite', 'formal', 5],
    ['model', 'test-model', 'rewrite', 'formal', 3],
  ]);

  const reading = await host.authorship.read();
  assert.equal(reading.scope, 'document');
  assert.equal(reading.total, rewritten.length);
  assert.deepEqual(reading.passages.map((passage) => [passage.text, passage.mark.kind, passage.mark.at]), [
    ['receive', 'model', '2025-03-04T10:00:00.000Z'],
    ['a lot', 'model', '2025-03-04T10:00:00.000Z'],
    ['the', 'model', '2025-03-04T10:00:00.000Z'],
  ]);
  assert.equal(shares(reading).chars.model, 15);
});

test('a local spelling fix gets the lighter mark', async () => {
  const doc = new FakeDoc([['The cat sat on teh mat.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  const at = text.indexOf('teh');
  assert.equal(await host.applyFix({ start: at, end: at + 3, expected: 'teh', replacement: 'the' }, LOCAL), true);
  assert.equal(doc.text, 'The cat sat on the mat.');
  assert.deepEqual(doc.controlled('penwise:edited'), ['the']);
  assert.deepEqual(doc.controlled('penwise:ai'), []);
  assert.equal(doc.controlSpans()[0].title, 'Edited with Penwise');
  const reading = await host.authorship.read();
  assert.deepEqual(shares(reading).chars, { model: 0, edited: 3, other: 20 });
});

test('a fix without a marking (an answer that did not say who wrote it) marks nothing', async () => {
  const doc = new FakeDoc([['The cat sat on teh mat.', null]]);
  const host = await install(doc);
  await host.read();
  assert.equal(await host.applyFix({ start: 15, end: 18, expected: 'teh', replacement: 'the' }), true);
  assert.deepEqual(doc.controlSpans(), []);
});

test('editing inside a marked passage keeps the mark on the rest', async () => {
  const doc = new FakeDoc([['Remote work changes teams.', null]]);
  const host = await install(doc);
  await host.read();
  await host.insertBelow('A quick new idea here.', { ...MODEL, mark: { ...MODEL.mark, operation: 'idea' } });
  assert.equal(doc.text, 'Remote work changes teams.\rA quick new idea here.');
  assert.deepEqual(doc.controlled('penwise:ai'), ['A quick new idea here.']);

  // The writer deletes "new " inside the passage: the mark stays on what remains.
  const at = doc.text.indexOf('new ');
  doc.type(at, at + 4, '');
  assert.deepEqual(doc.controlled('penwise:ai'), ['A quick idea here.']);
  let reading = await host.authorship.read();
  assert.deepEqual(reading.passages.map((passage) => passage.text), ['A quick idea here.']);
  assert.equal(shares(reading).chars.model, 'A quick idea here.'.length);

  // Then types inside it: in Word the typed words join the control, but the report never
  // counts more than Penwise put there (22 characters).
  const inside = doc.text.indexOf('idea');
  doc.type(inside, inside, 'bright and bold ');
  reading = await host.authorship.read();
  assert.equal(reading.passages[0].text, 'A quick bright and bold idea here.');
  assert.equal(shares(reading).chars.model, 'A quick new idea here.'.length);
});

test('removing marks leaves the text unchanged', async () => {
  const doc = new FakeDoc([['We recieve alot of mail.', 'bold']]);
  const host = await install(doc);
  const { text } = await host.read();
  await host.applyRewrite(changes(text, [['recieve', 'receive'], ['alot', 'a lot']]), 'We receive a lot of mail.', MODEL);
  await host.insertBelow('An idea.', MODEL);
  const before = doc.text;
  const runs = doc.runs();
  assert.equal(doc.controlSpans().length, 3);

  await host.authorship.remove();

  assert.equal(doc.text, before);
  assert.deepEqual(doc.runs(), runs);
  assert.deepEqual(doc.controlSpans(), []);
  assert.deepEqual([...doc.settings.keys()], []);
  const reading = await host.authorship.read();
  assert.deepEqual(reading.passages, []);
  assert.deepEqual(shares(reading).percent, { model: 0, edited: 0, other: 100 });
});

test('where Word refuses a content control (a field), a comment marks the passage and the pane is told', async () => {
  const doc = new FakeDoc([['We recieve alot of mail.', null]]);
  doc.fields = [[11, 15]]; // "alot" sits in a field
  const host = await install(doc);
  const { text } = await host.read();
  await host.applyRewrite(changes(text, [['recieve', 'receive'], ['alot', 'a lot']]), 'We receive a lot of mail.', MODEL);

  assert.equal(doc.text, 'We receive a lot of mail.');
  assert.deepEqual(doc.controlled('penwise:ai'), ['receive']);
  assert.deepEqual([...doc.comments].map((comment) => comment.content), ['Written with Penwise (test-model) [penwise:ai]']);
  assert.equal(host.authorship.fallbacks(), 1);
  assert.equal(host.authorship.fallbacks(), 0);
  const reading = await host.authorship.read();
  assert.deepEqual(reading.passages.map((passage) => [passage.text, passage.comment, passage.mark.model]), [
    ['receive', false, 'test-model'],
    ['a lot', true, 'test-model'],
  ]);
  await host.authorship.remove();
  assert.equal(doc.comments.size, 0);
  assert.equal(doc.text, 'We receive a lot of mail.');
});

test('a passage is selected in the document when the writer clicks it', async () => {
  const doc = new FakeDoc([['The cat sat on teh mat.', null]]);
  const host = await install(doc);
  await host.read();
  await host.applyFix({ start: 15, end: 18, expected: 'teh', replacement: 'the' }, LOCAL);
  const [passage] = (await host.authorship.read()).passages;
  assert.equal(await host.authorship.select(passage.id), true);
  assert.deepEqual(doc.selection, [15, 18]);
  await host.authorship.remove();
  assert.equal(await host.authorship.select(passage.id), false);
});

test('in a selection only the selected part of a passage counts', async () => {
  const doc = new FakeDoc([['Intro here. The cat sat on teh mat.', null]]);
  const host = await install(doc);
  await host.read();
  await host.applyFix({ start: 27, end: 30, expected: 'teh', replacement: 'the' }, LOCAL);
  doc.selection = [12, 29]; // "The cat sat on th"
  const reading = await host.authorship.read();
  assert.equal(reading.scope, 'selection');
  assert.equal(reading.total, 17);
  assert.deepEqual(reading.passages.map((passage) => passage.text), ['th']);
});

test('a fix inside a model passage is counted once, as the edit it is', async () => {
  const doc = new FakeDoc([['Intro.', null]]);
  const host = await install(doc);
  await host.read();
  await host.insertBelow('The new idea has a speling slip.', MODEL);
  const { text } = await host.read();
  const at = text.indexOf('speling');
  await host.applyFix({ start: at, end: at + 7, expected: 'speling', replacement: 'spelling' }, LOCAL);
  const reading = await host.authorship.read();
  assert.deepEqual(shares(reading).chars, {
    model: 'The new idea has a  slip.'.length,
    edited: 'spelling'.length,
    other: reading.total - 'The new idea has a spelling slip.'.length,
  });
  // The writer reads the model's words with a gap where the fix is.
  assert.deepEqual(reading.passages.map(passageWords), ['The new idea has a … slip.', 'spelling']);
});

test('with WordApi 1.1 only, the controls still say who wrote what (their records need 1.4)', async () => {
  const doc = new FakeDoc([['We recieve mail.', null]]);
  const host = await install(doc, { api: 1.1 });
  const { text } = await host.read();
  await host.applyRewrite(changes(text, [['recieve', 'receive']]), 'We receive mail.', MODEL);
  assert.deepEqual(doc.controlled('penwise:ai'), ['receive']);
  assert.equal(doc.settings.size, 0);
  const reading = await host.authorship.read();
  assert.deepEqual(reading.passages, [{ id: reading.passages[0].id, mark: { kind: 'model' }, text: 'receive', pieces: ['receive'], comment: false }]);
  await host.authorship.remove();
  assert.deepEqual(doc.controlSpans(), []);
  assert.equal(doc.text, 'We receive mail.');
});

test('a fix made while checking as you write is marked in its paragraph', async () => {
  const doc = new FakeDoc([['First one.\rThe cat sat on teh mat.', null]]);
  const host = await install(doc);
  const { order } = await host.live.read();
  assert.equal(await host.live.applyFix(order[1], { start: 15, end: 18, expected: 'teh', replacement: 'the' }, LOCAL), true);
  assert.equal(doc.text, 'First one.\rThe cat sat on the mat.');
  assert.deepEqual(doc.controlled('penwise:edited'), ['the']);
});
