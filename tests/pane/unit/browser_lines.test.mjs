// The browser page's paragraphs: each line keeps its id while the writer edits it, so its
// cards and underlines stay its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followEdit, lineAt, linesOf, startOf } from '../../../taskpane/hosts/browser_lines.js';

/** Apply one edit to `before` at `at` (delete `remove` units, insert `insert`), follow it. */
function edit(lines, before, at, remove, insert) {
  const after = before.slice(0, at) + insert + before.slice(at + remove);
  followEdit(lines, before, after);
  assert.deepEqual(lines.texts, after.split('\n'), 'the lines are the text');
  return after;
}

test('typing inside a line keeps every id', () => {
  const text = 'One.\nTwo 👋🏽 here.\nThree.';
  const lines = linesOf(text);
  const ids = [...lines.ids];
  edit(lines, text, text.indexOf('here'), 0, 'right ');
  assert.deepEqual(lines.ids, ids);
});

test('Enter at the end of a line adds a line after it; at its start, before it', () => {
  let text = 'One.\nTwo.';
  const lines = linesOf(text);
  const [one, two] = lines.ids;
  text = edit(lines, text, 4, 0, '\n');
  assert.equal(lines.ids[0], one);
  assert.equal(lines.ids[2], two);
  assert.notEqual(lines.ids[1], one);
  text = edit(lines, text, text.indexOf('Two'), 0, '\n');
  assert.equal(lines.ids.at(-1), two, '“Two.” keeps its id when a line opens above it');
});

test('joining two lines keeps the first one’s id; a paste of lines adds new ids', () => {
  let text = 'One.\nTwo.\nThree.';
  const lines = linesOf(text);
  const [one, , three] = lines.ids;
  text = edit(lines, text, 4, 1, ' ');
  assert.deepEqual(lines.texts, ['One. Two.', 'Three.']);
  assert.deepEqual(lines.ids, [one, three]);
  text = edit(lines, text, 4, 0, ' A.\nB.\nC.');
  assert.equal(lines.ids[0], one);
  assert.equal(lines.ids.at(-1), three);
  assert.equal(new Set(lines.ids).size, lines.ids.length);
});

test('a line is found by offset and by id', () => {
  const lines = linesOf('ab\ncde\n\nf');
  assert.deepEqual(lineAt(lines.texts, 2), { index: 0, start: 0 }, 'the end of a line is in it');
  assert.deepEqual(lineAt(lines.texts, 3), { index: 1, start: 3 });
  assert.deepEqual(lineAt(lines.texts, 8), { index: 3, start: 8 });
  assert.equal(startOf(lines, lines.ids[3]), 8);
  assert.equal(startOf(lines, 'gone'), -1);
});
