// Who wrote what: marks made only from what the server said (provenance), the shares they add
// up to, the report a writer copies, and the browser page's marks following the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charCount, fixMark, markFor, passageWords, percentages, shares, withChars } from '../../../taskpane/authorship/marks.js';
import { reportText } from '../../../taskpane/authorship/report.js';
import { addMark, followText, marksFrom, passagesIn } from '../../../taskpane/hosts/browser_ranges.js';
import { translator } from '../../../taskpane/i18n/index.js';

const MODEL = { engine: 'llm', model: 'test-model', prompt_version: 'rewrite/v2', generated: true, model_rules: ['llm.grammar'] };
const LOCAL = { engine: 'local', model: null, prompt_version: null, generated: false, model_rules: [] };
const WHEN = new Date('2025-03-04T10:00:00Z');

test('a mark says what the server said: the model, or the lighter kind for the local engine', () => {
  assert.deepEqual(markFor(MODEL, 'rewrite', 'formal', WHEN), {
    kind: 'model',
    engine: 'llm',
    model: 'test-model',
    prompt: 'rewrite/v2',
    operation: 'rewrite',
    tone: 'formal',
    at: '2025-03-04T10:00:00.000Z',
  });
  const local = markFor(LOCAL, 'rewrite', 'formal', WHEN);
  assert.equal(local.kind, 'edited');
  assert.equal(local.model, null);
  // An answer that said nothing of who wrote it is never guessed at: nothing is recorded.
  assert.equal(markFor(undefined, 'idea', null, WHEN), null);
});

test("a fix is the model's only when the answer says the model wrote that rule's fixes", () => {
  assert.equal(fixMark(MODEL, { rule_id: 'llm.grammar' }, WHEN).kind, 'model');
  const spelling = fixMark(MODEL, { rule_id: 'harper.SpellCheck' }, WHEN);
  assert.equal(spelling.kind, 'edited');
  assert.equal(spelling.engine, 'local');
  assert.equal(spelling.model, null);
  assert.equal(fixMark(LOCAL, { rule_id: 'llm.grammar' }, WHEN).kind, 'edited');
});

test('characters are counted as a writer counts them: an emoji is one', () => {
  assert.equal(charCount('ab👍🏽c'), 5);
  assert.equal(withChars(markFor(MODEL, 'idea', null, WHEN), '👍 ok').chars, 4);
});

test('shares add up to 100 and never count more than Penwise put in a passage', () => {
  const model = withChars(markFor(MODEL, 'rewrite', null, WHEN), 'abcd');
  const edited = withChars(markFor(LOCAL, 'fix', null, WHEN), 'xy');
  const reading = {
    scope: 'document',
    total: 30,
    // Text typed inside a Word content control joins it: 9 characters inside, 4 were Penwise's.
    passages: [
      { id: 'a', mark: model, text: 'abcd12345' },
      { id: 'b', mark: edited, text: 'xy' },
    ],
  };
  const { chars, percent } = shares(reading);
  assert.deepEqual(chars, { model: 4, edited: 2, other: 24 });
  assert.deepEqual(percent, { model: 13, edited: 7, other: 80 });
  assert.deepEqual(percentages({ model: 1, edited: 1, other: 1 }, 3), { model: 34, edited: 33, other: 33 });
  assert.deepEqual(shares({ scope: 'document', total: 0, passages: [] }).percent, { model: 0, edited: 0, other: 0 });
});

test('the report gives the three shares, the models with their prompts, the dates, and no more', () => {
  const later = new Date('2025-03-06T09:00:00Z');
  const reading = {
    scope: 'document',
    total: 40,
    passages: [
      { id: 'a', mark: withChars(markFor(MODEL, 'rewrite', 'formal', WHEN), 'ten chars!'), text: 'ten chars!' },
      { id: 'b', mark: withChars(markFor({ ...MODEL, prompt_version: 'ideas/v1' }, 'idea', null, later), 'more text.'), text: 'more text.' },
      { id: 'c', mark: withChars(markFor(LOCAL, 'fix', null, later), 'the'), text: 'the' },
    ],
  };
  const report = reportText(reading, translator('en'), new Date('2025-03-07T12:00:00Z'));
  assert.match(report, /The whole document, 40 characters, on 2025-03-07\./);
  assert.match(report, /Written by a model: 50%/);
  assert.match(report, /Edited with Penwise: 8%/);
  assert.match(report, /Not recorded by Penwise \(typed or pasted\): 42%/);
  assert.match(report, /Models: test-model \(prompts ideas\/v1, rewrite\/v2\)/);
  assert.match(report, /between 2025-03-04 and 2025-03-06/);
  assert.match(report, /does not detect text written by other tools/);
  const chinese = reportText(reading, translator('zh-CN'), new Date('2025-03-07T12:00:00Z'));
  assert.match(chinese, /由模型撰写：50%/);
  assert.match(chinese, /未经 Penwise 记录（手动输入或粘贴）：42%/);
});

// ---- The browser page's marks, following the text ----

const mark = withChars(markFor(MODEL, 'rewrite', null, WHEN), 'quick brown');

test('deleting inside a marked passage keeps the mark on what remains', () => {
  const before = 'The quick brown fox.';
  let marks = addMark([], 'p1', mark, 4, 15);
  const after = 'The quick fox.'; // "brown " deleted... and the space before "fox" kept
  marks = followText(marks, before, 'The quick fox.');
  assert.deepEqual(passagesIn(marks, after, 0, after.length).map((p) => p.text), ['quick ']);
});

test('text typed inside a passage is the writer\'s: the mark splits around it', () => {
  const before = 'The quick brown fox.';
  let marks = addMark([], 'p1', mark, 4, 15);
  const after = 'The quick red-brown fox.';
  marks = followText(marks, before, after);
  assert.deepEqual(marks[0].ranges, [[4, 10], [14, 19]]);
  assert.deepEqual(passagesIn(marks, after, 0, after.length).map((p) => p.text), ['quick brown']);
  // The writer reads it with a gap where their own words are.
  assert.deepEqual(passagesIn(marks, after, 0, after.length).map(passageWords), ['quick … brown']);
  // Typing right before or right after a passage leaves it as it was.
  const edged = followText(marks, after, `Oh ${after}`);
  assert.deepEqual(edged[0].ranges, [[7, 13], [17, 22]]);
});

test('a passage wholly deleted is gone, and a new mark takes its text from an older one', () => {
  let marks = addMark([], 'p1', mark, 4, 15);
  assert.deepEqual(followText(marks, 'The quick brown fox.', 'The fox.'), []);
  const fix = withChars(markFor(LOCAL, 'fix', null, WHEN), 'quiet');
  marks = addMark(marks, 'p2', fix, 4, 9);
  assert.deepEqual(marks.map((p) => [p.id, p.ranges]), [['p2', [[4, 9]]], ['p1', [[9, 15]]]]);
});

test('marks kept in storage are used only with the text they were kept with', () => {
  const marks = addMark([], 'p1', mark, 4, 15);
  const stored = JSON.parse(JSON.stringify({ length: 20, marks }));
  assert.deepEqual(marksFrom(stored, 'The quick brown fox.'), marks);
  assert.deepEqual(marksFrom(stored, 'Another text altogether'), []);
  assert.deepEqual(marksFrom({ length: 3, marks: [{ id: 'x', mark: { kind: 'ai' }, ranges: [[0, 2]] }] }, 'abc'), []);
  assert.deepEqual(marksFrom(null, 'abc'), []);
});
