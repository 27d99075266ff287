// Critique annotations built per paragraph for Word (WordApi 1.7 / 1.8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCritiques, POPUP_RESOURCE_IDS } from '../../../taskpane/hosts/word_critiques.js';

function issue(text, flagged, category, replacements = [], nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(flagged, at + 1);
  return {
    id: `${category}-${at}`,
    rule_id: `${category}.rule`,
    category,
    message: '',
    text: flagged,
    utf16_offset: at,
    utf16_length: flagged.length,
    replacements,
  };
}

const text = 'I has 😀 a cat.\nIt is utilised daily.\nThe end is very nigh.';

test('critiques are split by paragraph with paragraph-relative UTF-16 starts and colours', () => {
  const issues = [
    issue(text, 'has', 'correctness', ['have']),
    issue(text, 'a cat', 'style'),
    issue(text, 'utilised', 'clarity', ['used']),
    issue(text, 'very', 'style'),
  ];
  const marks = buildCritiques(text, issues);
  assert.equal(marks.length, 3);
  assert.deepEqual(
    marks.map((p) => p.map((m) => [m.critique.start, m.critique.length, m.critique.colorScheme])),
    [
      [[2, 3, 'Red'], [9, 5, 'Lavender']], // past the emoji (two UTF-16 units)
      [[6, 8, 'Blue']],
      [[11, 4, 'Lavender']],
    ],
  );
  assert.equal(marks[1][0].issueId, issues[2].id);
  assert.equal(marks[0][0].critique.popupOptions, undefined);
});

test('the first paragraph of a selection that starts mid-way is offset by the lead', () => {
  const selected = 'has a cat.\nIt is utilised.';
  const marks = buildCritiques(selected, [
    issue(selected, 'has', 'correctness'),
    issue(selected, 'utilised', 'clarity'),
  ], { lead: 2 });
  assert.equal(marks[0][0].critique.start, 2);
  assert.equal(marks[1][0].critique.start, 6);
});

test('pop-up options name the replacements as suggestions, titles by resource id', () => {
  const marks = buildCritiques(text, [issue(text, 'has', 'correctness', ['have', 'had'])], {
    popup: true,
  });
  assert.deepEqual(marks[0][0].critique.popupOptions, {
    brandingTextResourceId: POPUP_RESOURCE_IDS.branding,
    titleResourceId: POPUP_RESOURCE_IDS.titles.correctness,
    subtitleResourceId: POPUP_RESOURCE_IDS.subtitle,
    suggestions: ['have', 'had'],
  });
});

test('issues spanning paragraphs, empty, overlapping or stale are left to the cards', () => {
  const across = { ...issue(text, 'cat.\nIt', 'style') };
  const empty = { ...issue(text, 'has', 'style'), id: 'empty', utf16_length: 0, text: '' };
  const overlap = { ...issue(text, 'as', 'style'), id: 'overlap' };
  const stale = { ...issue(text, 'The', 'style'), id: 'stale', text: 'Thy' };
  const kept = issue(text, 'has', 'correctness');
  const marks = buildCritiques(text, [across, empty, overlap, stale, kept]);
  assert.deepEqual(marks.flat().map((m) => m.issueId), [kept.id]);
});
