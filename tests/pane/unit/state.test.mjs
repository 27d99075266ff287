// The pane's pure steps: shifting cards after a fix, context, diff runs, ignore keys, settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  changeSeen,
  diffRuns,
  groupIssues,
  occurrenceKey,
  sentenceAround,
  settingsFrom,
  shiftIssues,
  spliceText,
  visibleIssues,
} from '../../../taskpane/state.js';

/** An issue at the UTF-16 place of `flagged` in `text` (the n-th occurrence). */
function issueAt(text, flagged, { n = 0, rule = 'harper.SpellCheck', category = 'correctness' } = {}) {
  let at = -1;
  for (let i = 0; i <= n; i += 1) at = text.indexOf(flagged, at + 1);
  assert.ok(at >= 0, `${flagged} is in the text`);
  return { id: `${rule}@${at}`, rule_id: rule, category, message: 'm', text: flagged, utf16_offset: at, utf16_length: flagged.length, replacements: [] };
}

test('a fix moves the cards after it by the change in length, past an emoji', () => {
  const text = '👋🏽 Their is a error in this sentance, and teh end.';
  const issues = [issueAt(text, 'Their'), issueAt(text, 'a', { n: 0 }), issueAt(text, 'sentance'), issueAt(text, 'teh')];
  const fixed = spliceText(text, issues[1].utf16_offset, issues[1].utf16_offset + 1, 'an');
  const left = shiftIssues(issues, issues[1].utf16_offset, issues[1].utf16_offset + 1, 'an');
  assert.deepEqual(left.map((issue) => issue.text), ['Their', 'sentance', 'teh']);
  for (const issue of left) {
    assert.equal(fixed.slice(issue.utf16_offset, issue.utf16_offset + issue.utf16_length), issue.text);
  }
});

test('cards that overlap the replaced words are dropped', () => {
  const text = 'in order to win in order to';
  const wide = issueAt(text, 'in order to');
  const inside = issueAt(text, 'order');
  const later = issueAt(text, 'in order to', { n: 1 });
  const left = shiftIssues([wide, inside, later], wide.utf16_offset, wide.utf16_offset + wide.utf16_length, 'to');
  assert.deepEqual(left.map((issue) => issue.utf16_offset), [later.utf16_offset - 9]);
});

test('the flagged words are shown inside their sentence, cut at sentence ends', () => {
  const text = 'First one. Then their is a error here! Last.';
  const context = sentenceAround(text, text.indexOf('error'), text.indexOf('error') + 5);
  assert.equal(context.before, 'Then their is a ');
  assert.equal(context.flagged, 'error');
  assert.equal(context.after, ' here!');
});

test('a long sentence is trimmed around the flagged words with ellipses', () => {
  const text = `${'word '.repeat(40)}teh ${'word '.repeat(40)}`;
  const at = text.indexOf('teh');
  const context = sentenceAround(text, at, at + 3);
  assert.ok(context.before.startsWith('…') && context.after.endsWith('…'));
  assert.ok(context.before.length < 70 && context.after.length < 70);
});

test('a rewrite preview is the original with deletions and insertions in order', () => {
  const source = 'We will utilize it in order to win.';
  const edits = [
    { utf16_offset: 8, utf16_length: 7, original: 'utilize', replacement: 'use' },
    { utf16_offset: 19, utf16_length: 11, original: 'in order to', replacement: 'to' },
  ];
  const runs = diffRuns(source, edits);
  assert.deepEqual(runs, [
    { type: 'same', text: 'We will ' },
    { type: 'del', text: 'utilize' },
    { type: 'ins', text: 'use' },
    { type: 'same', text: ' it ' },
    { type: 'del', text: 'in order to' },
    { type: 'ins', text: 'to' },
    { type: 'same', text: ' win.' },
  ]);
  const rebuilt = runs.filter((run) => run.type !== 'del').map((run) => run.text).join('');
  assert.equal(rebuilt, 'We will use it to win.');
});

test('ignored occurrences and ignored rules are hidden, others stay', () => {
  const text = 'Teh cat. Teh dog. It was done.';
  const first = issueAt(text, 'Teh');
  const second = issueAt(text, 'Teh', { n: 1 });
  const passive = issueAt(text, 'was done', { rule: 'style.passive_voice', category: 'clarity' });
  const ignored = new Set([occurrenceKey(text, first)]);
  assert.deepEqual(visibleIssues([first, second, passive], text, ignored, []).map((i) => i.id), [second.id, passive.id]);
  assert.deepEqual(visibleIssues([first, second, passive], text, new Set(), ['style.passive_voice']).map((i) => i.id), [first.id, second.id]);
});

test('an ignored occurrence stays ignored when text before it changes', () => {
  const text = 'Teh cat sat.';
  const issue = issueAt(text, 'Teh');
  const moved = 'Well. Teh cat sat.';
  assert.equal(occurrenceKey(text, issue), occurrenceKey(moved, issueAt(moved, 'Teh')));
});

test('issues are grouped by category, in document order', () => {
  const text = 'a b c d';
  const groups = groupIssues([
    issueAt(text, 'a', { category: 'style' }),
    issueAt(text, 'b', { category: 'correctness' }),
    issueAt(text, 'c', { category: 'style' }),
  ]);
  assert.deepEqual(groups.style.map((i) => i.text), ['a', 'c']);
  assert.deepEqual(groups.correctness.map((i) => i.text), ['b']);
  assert.deepEqual(groups.clarity, []);
});

test('saved settings are read defensively', () => {
  assert.deepEqual(settingsFrom({ dictionary: ['Priya', 3], disabledRules: 'x', trackChanges: 'yes', liveCheck: 'no' }), {
    dictionary: ['Priya'],
    disabledRules: [],
    trackChanges: false,
    apiKey: '',
    liveCheck: null,
  });
  assert.equal(settingsFrom({ liveCheck: false }).liveCheck, false);
});

test('changeSeen: a change the host made, one still to make, and words the writer changed', () => {
  // Word's pop-up replaces the words itself on the web and Windows, not on Mac (office-js 6644).
  const text = 'First 👍🏽 line.\nI ate a apple.\nLast.';
  const at = text.indexOf(' a ') + 1;
  const seen = (current) => changeSeen(text, current, at, at + 1, 'an');
  assert.equal(seen('First 👍🏽 line.\nI ate an apple.\nLast.'), 'made');
  assert.equal(seen(text), 'pending');
  assert.equal(seen('First 👍🏽 line.\nI ate a pear.\nLast.'), 'stale');
  // Only the paragraph that holds the change counts; one before it that changed length moves it.
  assert.equal(seen('First 👍🏽 line.\nI ate an apple.\nLast, edited.'), 'made');
  assert.equal(seen('First line.\nI ate an apple.\nLast.'), 'stale');
  // In the first paragraph too.
  assert.equal(changeSeen('a apple', 'an apple', 0, 1, 'an'), 'made');
  assert.equal(changeSeen('a apple', 'a apple', 0, 1, 'an'), 'pending');
});
