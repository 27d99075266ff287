// Pure logic of the Word host: which occurrence to search, narrowing, anchors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SEARCH_LIMIT,
  countOccurrences,
  escapeSearch,
  occurrenceIndex,
  planChange,
  planRewrite,
  toAppText,
} from '../../../taskpane/hosts/word_locate.js';

const change = (text, start, end, replacement) => ({
  start,
  end,
  expected: text.slice(start, end),
  replacement,
});

test('Word paragraph marks become newlines of the same length', () => {
  assert.equal(toAppText('One\rTwo\r'), 'One\nTwo\n');
});

test("search specials are escaped the way Word's search reads them", () => {
  assert.equal(escapeSearch('x^2'), 'x^^2');
  assert.equal(escapeSearch('a\nb\tc\vd'), 'a^pb^tc^ld');
  assert.equal(escapeSearch('what? *all* of it'), 'what? *all* of it');
});

test('the occurrence is counted in UTF-16 units, past emoji', () => {
  const text = '😀 teh cat, 👍🏽 teh dog, teh end';
  const second = text.indexOf('teh', text.indexOf('teh') + 1);
  assert.equal(occurrenceIndex(text, 'teh', second), 1);
  assert.equal(countOccurrences(text, 'teh'), 3);
  const plan = planChange(text, change(text, second, second + 3, 'the'));
  assert.deepEqual(plan, {
    pieces: [{ needle: 'teh', search: 'teh', occurrence: 1, count: 3 }],
    location: 'Replace',
    text: 'the',
  });
});

test('overlapping matches are counted as Word steps over them', () => {
  assert.equal(occurrenceIndex('aaaa', 'aa', 2), 1);
  assert.equal(occurrenceIndex('aaaa', 'aa', 1), -1);
  assert.equal(countOccurrences('aaaa', 'aa'), 2);
});

test('a span longer than search allows is narrowed to a prefix and a suffix', () => {
  const sentence = `It rose ${'very '.repeat(60)}slowly^ 😀 over the hill.`;
  const text = `Intro. ${sentence} Outro ${sentence}`;
  const start = text.lastIndexOf(sentence);
  const plan = planChange(text, change(text, start, start + sentence.length, 'It rose.'));
  assert.ok(plan);
  assert.equal(plan.pieces.length, 2);
  const [head, tail] = plan.pieces;
  for (const piece of plan.pieces) assert.ok(piece.search.length <= SEARCH_LIMIT);
  assert.ok(sentence.startsWith(head.needle) && sentence.endsWith(tail.needle));
  assert.equal(head.occurrence, 1);
  assert.equal(tail.occurrence, 1);
  assert.ok(tail.search.includes('^^'));
});

test('narrowing never cuts an emoji in half', () => {
  const text = Array.from({ length: 120 }, (_, i) => `😀${i}`).join('');
  const plan = planChange(text, change(text, 0, text.length, ''));
  assert.equal(plan.pieces.length, 2);
  for (const piece of plan.pieces) {
    assert.doesNotMatch(piece.needle, /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    assert.ok(piece.search.length <= SEARCH_LIMIT);
  }
});

test('a pure insertion anchors on the word it ends, else the word it starts', () => {
  const text = 'Hello world, see you';
  const ends = planChange(text, change(text, 5, 5, ','));
  assert.equal(ends.location, 'End');
  assert.equal(ends.pieces[0].needle, 'Hello');
  const starts = planChange(text, change(text, 6, 6, 'big '));
  assert.equal(starts.location, 'Start');
  assert.equal(starts.pieces[0].needle, 'world,');
  const between = planChange('a  b', change('a  b', 2, 2, 'x'));
  assert.deepEqual([between.pieces[0].needle, between.location], ['a ', 'End']);
  assert.equal(planChange('', change('', 0, 0, 'x')), null);
});

test('a rewrite is planned last edit first, anchors clear of the other edits', () => {
  const text = 'The very quick fox jumped';
  const edits = [
    change(text, 4, 9, ''), // "very "
    change(text, 19, 19, 'high '), // before "jumped"
    change(text, 15, 18, 'hound'), // "fox"
  ];
  const plans = planRewrite(text, edits);
  assert.deepEqual(
    plans.map((p) => [p.pieces[0].needle, p.location, p.text]),
    [
      ['jumped', 'Start', 'high '],
      ['fox', 'Replace', 'hound'],
      ['very ', 'Replace', ''],
    ],
  );
});

test('an insertion boxed in by edits on both sides cannot be planned', () => {
  const text = 'aaa bbb';
  const edits = [change(text, 0, 3, 'x'), change(text, 3, 3, '!'), change(text, 3, 7, ' y')];
  assert.equal(planRewrite(text, edits), null);
});

test('a rewrite whose text has changed is not planned', () => {
  const edits = [{ start: 0, end: 3, expected: 'The', replacement: 'A' }];
  assert.equal(planRewrite('Thy cat', edits), null);
});
