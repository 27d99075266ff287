// The Word host against a stand-in for Word (word_standin.mjs) whose objects are built from
// Microsoft's type definitions and which behaves like real Word where those do not tell.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createWordHost } from '../../../taskpane/hosts/word.js';
import { memoryStorage } from '../../../taskpane/hosts/word_settings.js';
import { FakeDoc, install as installWord } from './word_standin.mjs';

/** Install the stand-in over a document and answer the Word host on it. */
const install = (doc, options) => installWord(doc, createWordHost, options);

beforeEach(() => {
  delete globalThis.localStorage;
});

const fix = (text, start, replacement, expected) => ({
  start,
  end: start + expected.length,
  expected,
  replacement,
});

// ---------------------------------------------------------------- reading

test('nothing selected: the whole body is read, paragraph marks as newlines', async () => {
  const doc = new FakeDoc([['First line.\rSecond line.', null]]);
  const host = await install(doc);
  assert.deepEqual(await host.read(), { text: 'First line.\nSecond line.', whole: true });
  assert.equal(host.name, 'word');
});

test('a selection is read alone', async () => {
  const doc = new FakeDoc([['Skip this. Read this.', null]], { selection: [11, 21] });
  const host = await install(doc);
  assert.deepEqual(await host.read(), { text: 'Read this.', whole: false });
});

// ---------------------------------------------------------------- one fix

test('the flagged occurrence is replaced, not an earlier one, with emoji before it', async () => {
  const doc = new FakeDoc([
    ['😀 teh start, ', null],
    ['👍🏽 teh', 'bold'],
    [' middle, teh end.', null],
  ]);
  const host = await install(doc);
  const { text } = await host.read();
  const second = text.indexOf('teh', text.indexOf('teh') + 1);
  assert.equal(await host.applyFix(fix(text, second, 'the', 'teh')), true);
  assert.equal(doc.text, '😀 teh start, 👍🏽 the middle, teh end.');
  assert.deepEqual(doc.runs(), [
    ['😀 teh start, ', null],
    ['👍🏽 the', 'bold'],
    [' middle, teh end.', null],
  ]);
  // The next card's offsets, shifted by the pane, still land: the third "teh".
  const after = doc.text.replace(/\r/g, '\n');
  const third = after.lastIndexOf('teh');
  assert.equal(await host.applyFix(fix(after, third, 'the', 'teh')), true);
  assert.equal(doc.text, '😀 teh start, 👍🏽 the middle, the end.');
});

test('a card whose text the writer has changed is refused and nothing changes', async () => {
  const doc = new FakeDoc([['Their is a cat.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  doc.type(0, 5, 'There');
  assert.equal(await host.applyFix(fix(text, 0, 'There', 'Their')), false);
  assert.equal(doc.text, 'There is a cat.');
});

test('a fix applies only inside the range that was read', async () => {
  const doc = new FakeDoc([['teh outside. teh inside.', null]], { selection: [13, 24] });
  const host = await install(doc);
  const { text } = await host.read();
  assert.equal(text, 'teh inside.');
  assert.equal(await host.applyFix(fix(text, 0, 'the', 'teh')), true);
  assert.equal(doc.text, 'teh outside. the inside.');
});

test("Word's search codes in the text are escaped (a caret, a paragraph mark)", async () => {
  const doc = new FakeDoc([['Area is x^2.\rThen x^2 again.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  const at = text.indexOf('2.\nThen');
  assert.equal(await host.applyFix(fix(text, at, '2. Then', '2.\nThen')), true);
  assert.equal(doc.text, 'Area is x^2. Then x^2 again.');
});

test('flagged text over 255 characters is found by narrowing', async () => {
  const long = `This sentence goes on ${'and on '.repeat(45)}until the end.`;
  assert.ok(long.length > 255);
  const doc = new FakeDoc([[`${long}\r${long}`, null]]);
  const host = await install(doc);
  const { text } = await host.read();
  const second = text.lastIndexOf(long);
  assert.equal(await host.applyFix(fix(text, second, 'Short now.', long)), true);
  assert.equal(doc.text, `${long}\rShort now.`);
});

test('a pure insertion lands after the word it follows, in that word\'s format', async () => {
  const doc = new FakeDoc([['Hello', 'bold'], [' world', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  assert.equal(await host.applyFix({ start: 5, end: 5, expected: '', replacement: ',' }), true);
  assert.equal(doc.text, 'Hello, world');
  assert.deepEqual(doc.runs(), [['Hello,', 'bold'], [' world', null]]);
  assert.equal(text, 'Hello world');
});

test('a deletion removes just the flagged words', async () => {
  const doc = new FakeDoc([['It is very very good.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  assert.equal(await host.applyFix(fix(text, 11, '', 'very ')), true);
  assert.equal(doc.text, 'It is very good.');
});

test('when Word cannot see the text the count relies on, nothing is changed', async () => {
  const doc = new FakeDoc([['A b A b.', null]]);
  doc.hidden = 'b';
  const host = await install(doc);
  const { text } = await host.read();
  assert.equal(await host.applyFix(fix(text, 6, 'c', 'b')), false);
  assert.equal(doc.text, 'A b A b.');
});

// ---------------------------------------------------------------- rewrites

test('a rewrite is applied edit by edit, leaving bold and links on other words', async () => {
  const doc = new FakeDoc([
    ['The ', null],
    ['very', 'italic'],
    [' quick ', null],
    ['brown', 'bold'],
    [' fox ', null],
    ['jumps', 'link'],
    [' over it.', null],
  ]);
  const host = await install(doc);
  const { text } = await host.read();
  const changes = [
    fix(text, text.indexOf('very '), '', 'very '),
    { start: text.indexOf('jumps'), end: text.indexOf('jumps'), expected: '', replacement: 'gladly ' },
    fix(text, text.indexOf('over it'), 'past', 'over'),
  ];
  const rewritten = 'The quick brown fox gladly jumps past it.';
  const before = doc.syncs;
  assert.equal(await host.applyRewrite(changes, rewritten), 'edits');
  assert.ok(doc.syncs - before <= 3, `one batch, few syncs (${doc.syncs - before})`);
  assert.equal(doc.text, rewritten);
  assert.deepEqual(doc.runs(), [
    ['The quick ', null],
    ['brown', 'bold'],
    [' fox ', null],
    ['gladly jumps', 'link'],
    [' past it.', null],
  ]);
});

test('a rewrite whose edit cannot be located replaces the whole range instead', async () => {
  const doc = new FakeDoc([['Keep ', null], ['this', 'bold'], [' and b too.', null]]);
  doc.hidden = 'b';
  const host = await install(doc);
  const { text } = await host.read();
  const rewritten = 'Keep this and c too.';
  const changes = [fix(text, text.indexOf('b too'), 'c', 'b')];
  assert.equal(await host.applyRewrite(changes, rewritten), 'whole');
  assert.equal(doc.text, rewritten);
  // The kept range now holds the rewrite: a later fix still lands inside it.
  assert.equal(await host.applyFix(fix(rewritten, 0, 'Hold', 'Keep')), true);
  assert.equal(doc.text, 'Hold this and c too.');
});

// ---------------------------------------------------------------- inserting

test('insert below adds paragraphs after the selection', async () => {
  const doc = new FakeDoc([['One.\rTwo.\rThree.', null]], { selection: [5, 9] });
  const host = await install(doc);
  await host.read();
  await host.insertBelow('An idea.\nAnother.');
  assert.equal(doc.text, 'One.\rTwo.\rAn idea.\rAnother.\rThree.');
});

test('insert below with nothing selected adds to the end of the body (no WordApi 1.3)', async () => {
  const doc = new FakeDoc([['Only.', null]]);
  const host = await install(doc, { api: 1.1 });
  await host.read();
  await host.insertBelow('Next.');
  assert.equal(doc.text, 'Only.\rNext.');
});

test('insert below after a whole rewrite of the body asks the new range, not the old body (no WordApi 1.3)', async () => {
  // The body is kept; a rewrite that cannot be applied edit by edit replaces its text and
  // keeps the Range that answers. Word.Range.insertParagraph takes only 'Before' or 'After'.
  const doc = new FakeDoc([['Keep b here.', null]]);
  doc.hidden = 'b';
  const host = await install(doc, { api: 1.1 });
  const { text } = await host.read();
  assert.equal(await host.applyRewrite([fix(text, 5, 'c', 'b')], 'Keep c here.'), 'whole');
  await host.insertBelow('An idea.\nAnother.');
  assert.equal(doc.text, 'Keep c here.\rAn idea.\rAnother.');
});

// ---------------------------------------------------------------- annotations

const issue = (text, flagged, category, replacements, id) => ({
  id,
  rule_id: `${category}.x`,
  category,
  message: '',
  text: flagged,
  utf16_offset: text.indexOf(flagged),
  utf16_length: flagged.length,
  replacements,
});

test('issues become critiques per paragraph, paragraph-relative, and a pop-up choice reaches the pane', async () => {
  // The selection starts mid-way through the first paragraph.
  const full = 'Intro: I has a 😀 cat.\rIt is utilised daily.\rNot read.';
  const doc = new FakeDoc([[full, null]], { selection: [7, full.indexOf('\rNot')] });
  const host = await install(doc);
  const { text } = await host.read();
  assert.equal(text, 'I has a 😀 cat.\nIt is utilised daily.');
  const issues = [
    issue(text, 'has', 'correctness', ['have'], 'i1'),
    issue(text, 'cat', 'style', [], 'i2'),
    issue(text, 'utilised', 'clarity', ['used'], 'i3'),
  ];
  const chosen = [];
  assert.equal(await host.markIssues(issues, (...args) => chosen.push(args)), true);
  const ids = [...doc.annotations.keys()];
  const marks = ids.map((id) => [doc.annotated(id), doc.annotations.get(id).critique.colorScheme]);
  assert.deepEqual(marks, [['has', 'Red'], ['cat', 'Lavender'], ['utilised', 'Blue']]);
  const first = doc.annotations.get(ids[0]).critique;
  assert.equal(first.start, 9); // "Intro: I " before it in its paragraph
  assert.deepEqual(first.popupOptions.suggestions, ['have']);

  // Word (on the web, on Windows) replaces the words, then tells the pane, which gets the
  // text as Word now holds it to decide that nothing is left to apply.
  await doc.accept(ids[0], 'have');
  for (const handler of doc.popupHandlers) await handler({ id: ids[1], action: 'Reject' });
  assert.deepEqual(chosen, [['i1', 'have', 'I have a 😀 cat.\nIt is utilised daily.']]);
  assert.equal(doc.text, 'Intro: I have a 😀 cat.\rIt is utilised daily.\rNot read.');

  await host.clearMarks();
  assert.equal(doc.annotations.size, 0);
});

test('critique starts count UTF-16 units of the paragraph, as Word does: emoji before the word', async () => {
  const doc = new FakeDoc([['First 👍🏽 line.\r😀😀 Then teh 👋 word teh.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  const second = text.lastIndexOf('teh');
  const issues = [issue(text, 'teh', 'correctness', ['the'], 'i1'), { ...issue(text, 'teh', 'correctness', ['the'], 'i2'), utf16_offset: second }];
  await host.markIssues(issues, () => {});
  const ids = [...doc.annotations.keys()];
  assert.deepEqual(ids.map((id) => doc.annotated(id)), ['teh', 'teh']);
  // "😀😀 Then " is 10 UTF-16 units (8 code points) before the first in its paragraph.
  assert.deepEqual(ids.map((id) => doc.annotations.get(id).critique.start), [10, 22]);
});

test('the pop-up gets the first three suggestions, in the order the card shows them', async () => {
  // Word's pop-up shows only the first three (office-js issue 6797).
  const doc = new FakeDoc([['I recieve it.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  await host.markIssues([issue(text, 'recieve', 'correctness', ['receive', 'relieve', 'recite', 'revive', 'reserve'], 'i1')], () => {});
  const [annotation] = doc.annotations.values();
  assert.deepEqual(annotation.critique.popupOptions.suggestions, ['receive', 'relieve', 'recite']);
});

test('a pop-up handler whose batch failed is registered by the next batch', async () => {
  const doc = new FakeDoc([['I has a cat.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  const issues = [issue(text, 'cat', 'style', ['dog'], 'i1')];
  // The writer shortens the sentence while the underlines are on their way: Word refuses them.
  doc.beforeAnnotating = () => doc.type(0, 12, 'I');
  await assert.rejects(host.markIssues(issues, () => {}), /InvalidArgument/);
  doc.beforeAnnotating = null;
  doc.type(0, 1, 'I has a cat.');
  assert.equal(await host.markIssues(issues, () => {}), true);
  assert.equal(doc.popupHandlers.length, 1);
});

test('without Microsoft 365 the first failure turns underlines off for the session', async () => {
  // A one-time-purchase Word claims WordApi 1.7 and fails insertAnnotations (office-js 4953).
  const doc = new FakeDoc([['I has a cat.', null]], { subscription: false });
  const host = await install(doc);
  const { text } = await host.read();
  assert.equal(await host.markIssues([issue(text, 'has', 'correctness', ['have'], 'i1')], () => {}), false);
  assert.equal(host.markIssues, undefined);
  assert.equal(doc.annotations.size, 0);
  await host.clearMarks(); // nothing drawn, nothing to remove, no error
});

test('marking again first removes the earlier marks, even one already gone', async () => {
  const doc = new FakeDoc([['I has a cat.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  const issues = [issue(text, 'has', 'correctness', ['have'], 'i1'), issue(text, 'cat', 'style', [], 'i2')];
  await host.markIssues(issues, () => {});
  doc.annotations.delete([...doc.annotations.keys()][0]); // accepted in Word, so gone
  await host.markIssues(issues.slice(1), () => {});
  assert.deepEqual([...doc.annotations.keys()].map((id) => doc.annotated(id)), ['cat']);
});

test('without WordApi 1.8 critiques carry no pop-up; without 1.7 there are none', async () => {
  const doc = new FakeDoc([['I has a cat.', null]]);
  const host17 = await install(doc, { api: 1.7 });
  const { text } = await host17.read();
  await host17.markIssues([issue(text, 'has', 'correctness', ['have'], 'i1')], () => {});
  assert.equal([...doc.annotations.values()][0].critique.popupOptions, undefined);
  assert.equal(doc.popupHandlers.length, 0);

  const host16 = await install(new FakeDoc([['x', null]]), { api: 1.6 });
  assert.equal(host16.markIssues, undefined);
  assert.equal(host16.clearMarks, undefined);
});

// ---------------------------------------------------------------- tracked changes

test('tracked changes: on where WordApi 1.4 is supported, and only undone if we did it', async () => {
  const doc = new FakeDoc([['x', null]]);
  const host = await install(doc, { api: 1.4 });
  assert.equal(await host.setTrackChanges(true), true);
  assert.equal(doc.trackingMode, 'TrackAll');
  assert.equal(await host.setTrackChanges(false), true);
  assert.equal(doc.trackingMode, 'Off');

  doc.trackingMode = 'TrackMineOnly'; // the writer's own choice
  assert.equal(await host.setTrackChanges(true), true);
  assert.equal(await host.setTrackChanges(false), true);
  assert.equal(doc.trackingMode, 'TrackMineOnly');
});

test('tracked changes answer false without WordApi 1.4', async () => {
  const doc = new FakeDoc([['x', null]]);
  const host = await install(doc, { api: 1.3 });
  assert.equal(await host.setTrackChanges(true), false);
  assert.equal(doc.trackingMode, 'Off');
});

// ---------------------------------------------------------------- settings and language

test('settings persist in localStorage under the partition key, as JSON', async () => {
  globalThis.localStorage = memoryStorage();
  globalThis.localStorage.removeItem = () => {};
  const host = await install(new FakeDoc([['x', null]]), { partitionKey: 'p1/', displayLanguage: 'zh-CN' });
  assert.equal(host.language, 'zh-CN');
  assert.deepEqual(await host.loadSettings(), {});
  await host.saveSettings({ dictionary: ['Penwise'], disabledRules: ['style.wordiness'] });
  assert.equal(globalThis.localStorage.getItem('p1/penwise.dictionary'), '["Penwise"]');
  const again = await install(new FakeDoc([['x', null]]), { partitionKey: 'p1/' });
  assert.deepEqual(await again.loadSettings(), {
    dictionary: ['Penwise'],
    disabledRules: ['style.wordiness'],
  });
  const otherPartition = await install(new FakeDoc([['x', null]]), { partitionKey: 'p2/' });
  assert.deepEqual(await otherPartition.loadSettings(), {});
});

// ---------------------------------------------------------------- the stand-in itself

test('the stand-in refuses what Word refuses: a missing member, a wrong value, a set not installed', async () => {
  const doc = new FakeDoc([['One.', null]], { selection: [0, 4] });
  await install(doc, { api: 1.1 });
  await Word.run(async (context) => {
    const range = context.document.getSelection();
    assert.throws(() => range.insertParagraph('x', 'End'), /InvalidArgument: Word\.Range\.insertParagraph/);
    assert.throws(() => range.getRange('Start'), /ApiNotFound: Word\.Range\.getRange needs WordApi 1\.3/);
    assert.throws(() => range.replaceText, /Word\.Range\.replaceText does not exist/);
    assert.throws(() => context.document.body.expandTo, /Word\.Body\.expandTo does not exist/);
    assert.throws(() => {
      range.text = 'x';
    }, /read-only/);
    assert.equal(range instanceof Word.Range, true);
    assert.equal(range instanceof Word.Body, false);
  });
});
