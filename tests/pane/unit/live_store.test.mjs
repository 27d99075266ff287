// Checking as you write, the store: results kept by exact text, cards that follow edits,
// answers that never land on text they were not found in, and which paragraphs go next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createStore,
  documentView,
  issuesOf,
  keepAnswer,
  nextBatch,
  progress,
  setParagraph,
  singleEdit,
  syncParagraphs,
} from '../../../taskpane/live/store.js';

/** An issue on the n-th `flagged` of a paragraph's `text`, as the server answers it. */
function issueAt(text, flagged, { rule = 'harper.SpellCheck', n = 0 } = {}) {
  let at = -1;
  for (let i = 0; i <= n; i += 1) at = text.indexOf(flagged, at + 1);
  assert.ok(at >= 0, `${flagged} is in ${text}`);
  return { id: `${rule}@${at}`, rule_id: rule, category: 'correctness', message: 'm', text: flagged, utf16_offset: at, utf16_length: flagged.length, replacements: ['x'] };
}

/** A store holding `paragraphs` ({id: text}), each checked with the issues `found` gives. */
function checkedStore(paragraphs, found) {
  const store = createStore();
  syncParagraphs(store, Object.keys(paragraphs), new Map(Object.entries(paragraphs)));
  const sent = Object.entries(paragraphs).map(([id, text]) => ({ id, text }));
  keepAnswer(store, sent, sent.map(({ id, text }) => ({ id, issues: found(text) })));
  return store;
}

const spelling = (text) => ['teh', 'recieve', 'sentance'].filter((word) => text.includes(word)).map((word) => issueAt(text, word));

test('an edit moves the cards after it, drops the ones it touched and leaves other paragraphs alone', () => {
  const store = checkedStore({ a: 'I recieve teh parcel.', b: 'This sentance is long.' }, spelling);
  const before = issuesOf(store, 'b');
  const changed = syncParagraphs(store, ['a', 'b'], new Map([['a', 'Yes, I recieve teh parcel.'], ['b', 'This sentance is long.']]));
  assert.deepEqual(changed, ['a']);
  syncParagraphs(store, ['a', 'b'], new Map([['a', 'Yes, I recieve the parcel.']]));
  const moved = issuesOf(store, 'a');
  assert.deepEqual(moved.map((issue) => issue.text), ['recieve'], '“teh” was edited away, “recieve” moved');
  const text = store.entries.get('a').text;
  assert.equal(text.slice(moved[0].utf16_offset, moved[0].utf16_offset + moved[0].utf16_length), 'recieve');
  assert.equal(issuesOf(store, 'b'), before, 'the other paragraph keeps its very issues');
});

test('an answer for text the writer has changed is never shown on the new text, and serves an undo', () => {
  const store = createStore();
  syncParagraphs(store, ['a'], new Map([['a', 'Send teh file.']]));
  const sent = nextBatch(store, { maxParagraphs: 10, maxChars: 1000 });
  assert.deepEqual(sent, [{ id: 'a', text: 'Send teh file.' }]);
  syncParagraphs(store, ['a'], new Map([['a', 'Send the file.']])); // typed while in flight
  keepAnswer(store, sent, [{ id: 'a', issues: spelling('Send teh file.') }]);
  assert.deepEqual(issuesOf(store, 'a'), [], 'the fixed word is not flagged again');
  syncParagraphs(store, ['a'], new Map([['a', 'Send teh file.']])); // undo
  assert.deepEqual(issuesOf(store, 'a').map((issue) => issue.text), ['teh']);
  assert.deepEqual(nextBatch(store, { maxParagraphs: 10, maxChars: 1000 }), [], 'no request for a text already checked');
});

test('an older answer never overwrites a newer one', () => {
  const store = createStore();
  syncParagraphs(store, ['a'], new Map([['a', 'teh one']]));
  const first = nextBatch(store, { maxParagraphs: 10, maxChars: 1000 });
  syncParagraphs(store, ['a'], new Map([['a', 'teh one recieve']]));
  const second = nextBatch(store, { maxParagraphs: 10, maxChars: 1000 });
  keepAnswer(store, second, [{ id: 'a', issues: spelling('teh one recieve') }]);
  keepAnswer(store, first, [{ id: 'a', issues: spelling('teh one') }]); // the slow one lands last
  assert.deepEqual(issuesOf(store, 'a').map((issue) => issue.text), ['teh', 'recieve']);
});

test('a fix applied while a check is in flight is not undone by its answer', () => {
  const store = createStore();
  syncParagraphs(store, ['a'], new Map([['a', 'teh end of teh day']]));
  const sent = nextBatch(store, { maxParagraphs: 10, maxChars: 1000 });
  keepAnswer(store, sent, [{ id: 'a', issues: [issueAt('teh end of teh day', 'teh'), issueAt('teh end of teh day', 'teh', { n: 1 })] }]);
  syncParagraphs(store, ['a'], new Map([['a', 'teh end of teh day!']]));
  const inFlight = nextBatch(store, { maxParagraphs: 10, maxChars: 1000 });
  setParagraph(store, 'a', 'the end of teh day!'); // the writer applies a card's fix
  keepAnswer(store, inFlight, [{ id: 'a', issues: [issueAt('teh end of teh day!', 'teh'), issueAt('teh end of teh day!', 'teh', { n: 1 })] }]);
  const shown = issuesOf(store, 'a');
  assert.deepEqual(shown.map((issue) => issue.utf16_offset), [11], 'only the second “teh” is left, where it is');
  assert.equal(store.entries.get('a').text.slice(11, 14), 'teh');
});

test('a partial answer (the server ran out of time) is not kept, so the paragraph goes again', () => {
  const store = createStore();
  syncParagraphs(store, ['a'], new Map([['a', 'teh']]));
  const sent = nextBatch(store, { maxParagraphs: 10, maxChars: 1000 });
  keepAnswer(store, sent, [{ id: 'a', issues: [], incomplete: true }]);
  assert.deepEqual(nextBatch(store, { maxParagraphs: 10, maxChars: 1000 }), sent);
});

test('the paragraph with the caret goes first, then its neighbours, within the limits', () => {
  const store = createStore();
  const ids = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
  syncParagraphs(store, ids, new Map(ids.map((id) => [id, `Paragraph ${id} text.`])));
  const batch = nextBatch(store, { focus: 'p3', maxParagraphs: 4, maxChars: 1000 });
  assert.deepEqual(batch.map((p) => p.id), ['p3', 'p4', 'p2', 'p5']);
  const small = nextBatch(store, { focus: 'p3', maxParagraphs: 10, maxChars: 40 });
  assert.deepEqual(small.map((p) => p.id), ['p3', 'p4']);
});

test('a paragraph longer than a request may carry is skipped with a note, never sent', () => {
  const store = createStore();
  syncParagraphs(store, ['long', 'short'], new Map([['long', 'word '.repeat(50)], ['short', 'Fine.']]));
  const batch = nextBatch(store, { maxParagraphs: 10, maxChars: 100 });
  assert.deepEqual(batch.map((p) => p.id), ['short']);
  assert.equal(store.skipped.get('word '.repeat(50)), 'live.tooLong');
  assert.deepEqual(progress(store), { done: 1, total: 2 }, 'the skipped one counts as done: nothing waits for it');
});

test('paragraphs with the same text go once, and blank ones never', () => {
  const store = createStore();
  syncParagraphs(store, ['a', 'b', 'c'], new Map([['a', 'Same text.'], ['b', '  '], ['c', 'Same text.']]));
  const batch = nextBatch(store, { maxParagraphs: 10, maxChars: 1000 });
  assert.deepEqual(batch, [{ id: 'a', text: 'Same text.' }]);
  keepAnswer(store, batch, [{ id: 'a', issues: [] }]);
  assert.deepEqual(progress(store), { done: 2, total: 2 });
});

test('an Improve answer is not replaced by a live one for the same text', () => {
  const store = createStore();
  syncParagraphs(store, ['a'], new Map([['a', 'teh parcel']]));
  const live = nextBatch(store, { maxParagraphs: 10, maxChars: 1000 });
  const deeper = [issueAt('teh parcel', 'teh'), issueAt('teh parcel', 'parcel', { rule: 'llm.grammar' })];
  keepAnswer(store, [{ id: '0', text: 'teh parcel' }], [{ id: '0', issues: deeper }], 'improve');
  keepAnswer(store, live, [{ id: 'a', issues: [issueAt('teh parcel', 'teh')] }]);
  assert.equal(issuesOf(store, 'a').length, 2);
});

test('the document view puts every issue at its place in the joined text, past an emoji', () => {
  const paragraphs = { a: '👋🏽 I recieve it.', b: '', c: 'teh 🎉 end' };
  const store = checkedStore(paragraphs, spelling);
  const view = documentView(store);
  assert.equal(view.text, '👋🏽 I recieve it.\n\nteh 🎉 end');
  assert.deepEqual(view.issues.map((issue) => issue.paragraph), ['a', 'c']);
  for (const issue of view.issues) {
    assert.equal(view.text.slice(issue.utf16_offset, issue.utf16_offset + issue.utf16_length), issue.text);
    assert.ok(issue.id.startsWith(`${issue.paragraph}/`), 'ids are unique across paragraphs');
  }
});

test('the one edit between two texts never splits an emoji', () => {
  assert.deepEqual(singleEdit('a 😀 b', 'a 😁 b'), { start: 2, end: 4, replacement: '😁' });
  assert.deepEqual(singleEdit('a 👋🏽 b', 'a 👋🏿 b'), { start: 4, end: 6, replacement: '🏿' });
  assert.deepEqual(singleEdit('abc', 'abXc'), { start: 2, end: 2, replacement: 'X' });
  assert.deepEqual(singleEdit('aaa', 'aa'), { start: 2, end: 3, replacement: '' });
});

test('deleted paragraphs leave the store; a new one must come with its text', () => {
  const store = checkedStore({ a: 'One.', b: 'Two.' }, () => []);
  syncParagraphs(store, ['b'], new Map());
  assert.deepEqual([...store.entries.keys()], ['b']);
  assert.throws(() => syncParagraphs(store, ['b', 'c'], new Map()), /no text for the new paragraph c/);
});

test('a budget keeps a batch small, and a paragraph over it goes alone rather than never', () => {
  const store = createStore();
  const ids = ['p0', 'p1', 'p2'];
  syncParagraphs(store, ids, new Map([['p0', 'a'.repeat(30)], ['p1', 'b'.repeat(30)], ['p2', 'c'.repeat(80)]]));
  assert.deepEqual(nextBatch(store, { maxParagraphs: 10, maxChars: 1000, budget: 70 }).map((p) => p.id), ['p0', 'p1']);
  assert.deepEqual(nextBatch(store, { focus: 'p2', maxParagraphs: 10, maxChars: 1000, budget: 70 }).map((p) => p.id), ['p2']);
  assert.deepEqual(store.skipped.size, 0, 'over the budget is not over the limit');
});
