// The Apps Script half of the Google Docs add-on (manifest/gdocs/*.gs) run under Node against a small
// stand-in for DocumentApp: body, paragraphs, list items, a table, text runs with a bold flag
// per character, and a selection of range elements that may be partial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import vm from 'node:vm';

import { SCRIPTS, SERVER, body, cell, item, load, para, partial, row, table, text, whole, T } from './docs_standin.mjs';

// ---- Tests ----

test('onOpen adds an Improve item that opens the sidebar titled Penwise', () => {
  const { call, ui } = load(body(para('x')));
  call('onInstall', {});
  assert.deepEqual(ui.menus, [[['Improve', 'showSidebar']]]);
  call('showSidebar');
  assert.equal(ui.sidebars[0].file, 'Sidebar');
  assert.equal(ui.sidebars[0].title, 'Penwise');
  // HtmlService ignores <meta> tags in the file; addMetaTag is how a page gets its viewport.
  assert.deepEqual(ui.sidebars[0].metaTags, [['viewport', 'width=device-width, initial-scale=1']]);
});

test('the sidebar asks Code.gs for its server and transport', () => {
  // The template keeps the --server-side block; the export removes it for direct mode
  // (tests/install/test_gdocs_export.py runs both rendered projects).
  const { call } = load(body(para('x')));
  assert.deepEqual(call('getSidebarConfig'), { api: `${SERVER}/`, transport: 'apps-script' });
});

test('a selection across paragraphs reads partial first and last elements', () => {
  const p0 = para('Hello brave world');
  const p1 = para('Second line here');
  const p2 = para('Third one ends');
  const { call } = load(body(p0, p1, p2), [partial(p0.children[0], 6, 16), whole(p1), partial(p2.children[0], 0, 4)]);
  const read = call('getSelection');
  assert.equal(read.text, 'brave world\nSecond line here\nThird');
  assert.equal(read.whole, false);
  assert.deepEqual(read.map.segments.map((s) => s.at), [0, 12, 29]);

  // A fix in the partial first element lands in its paragraph at the right place.
  let result = call('applyFix', read.map, 0, 5, 'brave', 'bold');
  assert.equal(result.ok, true);
  assert.equal(p0.getText(), 'Hello bold world');

  // The pane shifts later offsets by the change (-1); the map has moved with them.
  result = call('applyFix', result.map, 11, 17, 'Second', '2nd');
  assert.equal(result.ok, true);
  assert.equal(p1.getText(), '2nd line here');
  result = call('applyFix', result.map, 29 - 4, 34 - 4, 'Third', '3rd');
  assert.equal(result.ok, true);
  assert.equal(p2.getText(), '3rd one ends');
});

test('nothing selected reads the whole document, paragraphs and table cells, with whole: true', () => {
  const docBody = body(para('Intro'), table(row(cell(para('Cell one')), cell(para('Cell two')))), item('Last item'));
  const { call } = load(docBody);
  const read = call('getSelection');
  assert.equal(read.text, 'Intro\nCell one\nCell two\nLast item');
  assert.equal(read.whole, true);
});

test('an emoji before the flagged word: UTF-16 offsets land on the word', () => {
  const p = para('I 😀 has a cat.');
  const { call } = load(body(p), [whole(p)]);
  const read = call('getSelection');
  const start = read.text.indexOf('has');
  assert.equal(start, 5); // the emoji counts two UTF-16 units
  const result = call('applyFix', read.map, start, start + 3, 'has', 'have');
  assert.equal(result.ok, true);
  assert.equal(p.getText(), 'I 😀 have a cat.');
  // Replacing from the emoji itself never splits its surrogate pair.
  const again = call('applyFix', result.map, 2, 9, '😀 have', '🙂 had');
  assert.equal(again.ok, true);
  assert.equal(p.getText(), 'I 🙂 had a cat.');
});

test('a table cell: a whole table and a partial selection inside a cell map back to the cell', () => {
  const c0 = cell(para('Cell one teh'));
  const t = table(row(c0, cell(para('Cell two'))));
  const docBody = body(para('Intro'), t);
  let { call } = load(docBody, [whole(t)]);
  let read = call('getSelection');
  assert.equal(read.text, 'Cell one teh\nCell two');
  assert.equal(call('applyFix', read.map, 9, 12, 'teh', 'the').ok, true);
  assert.equal(c0.getText(), 'Cell one the');

  ({ call } = load(docBody, [partial(c0.children[0].children[0], 5, 11)]));
  read = call('getSelection');
  assert.equal(read.text, 'one the');
  assert.deepEqual(read.map.segments[0].path, [1, 0, 0, 0, 0]);
  assert.equal(call('applyFix', read.map, 0, 3, 'one', 'first').ok, true);
  assert.equal(c0.getText(), 'Cell first the');
});

test('a fix whose text the writer has changed is refused and changes nothing', () => {
  const p = para('The teh cat.');
  const { call } = load(body(p), [whole(p)]);
  const read = call('getSelection');
  p.children[0].deleteText(4, 6);
  p.children[0].insertText(4, 'the');
  const result = call('applyFix', read.map, 4, 7, 'teh', 'the');
  assert.deepEqual([result.ok, result.reason], [false, 'stale']);
  assert.deepEqual(result.map, read.map);
  assert.equal(p.getText(), 'The the cat.');
  // Across a paragraph break there is no single place to apply it.
  const two = load(body(para('a'), para('b')));
  const both = two.call('getSelection');
  assert.equal(two.call('applyFix', both.map, 0, 3, 'a\nb', 'ab').reason, 'unmapped');
});

test('applying a fix shifts later offsets in the same paragraph and the next ones', () => {
  const p0 = para('I has a apple and a orange.');
  const p1 = para('She go home.');
  const { call } = load(body(p0, p1));
  const read = call('getSelection');
  let map = call('applyFix', read.map, 2, 5, 'has', 'have').map; // +1
  map = call('applyFix', map, 6 + 1, 13 + 1, 'a apple', 'an apple').map; // +1
  map = call('applyFix', map, 18 + 2, 26 + 2, 'a orange', 'an orange').map; // +1
  const sheGo = read.text.indexOf('go');
  const result = call('applyFix', map, sheGo + 3, sheGo + 5, 'go', 'goes');
  assert.equal(result.ok, true);
  assert.equal(p0.getText(), 'I have an apple and an orange.');
  assert.equal(p1.getText(), 'She goes home.');
  assert.deepEqual(result.map.segments.map((s) => [s.at, s.length]), [[0, 30], [31, 14]]);
});

test('a fix keeps the formatting of the words it replaces and of those around them', () => {
  const p = para(text('Plain '), text('teh', true), text(' word'));
  const { call } = load(body(p), [whole(p)]);
  const read = call('getSelection');
  assert.equal(read.text, 'Plain teh word');
  assert.equal(call('applyFix', read.map, 6, 9, 'teh', 'the').ok, true);
  assert.equal(p.getText(), 'Plain the word');
  assert.deepEqual(p.children.map((run) => [run.text, run.bold.every(Boolean), run.bold.some(Boolean)]), [
    ['Plain ', false, false],
    ['the', true, true],
    [' word', false, false],
  ]);
  // One run with the word bold inside it, as Docs usually stores a paragraph.
  const run = text('Plain teh word');
  run.bold.fill(true, 6, 9);
  const q = para(run);
  const second = load(body(q), [whole(q)]);
  const map = second.call('getSelection').map;
  assert.equal(second.call('applyFix', map, 6, 9, 'teh', 'thee').ok, true);
  assert.equal(run.text, 'Plain thee word');
  assert.deepEqual(run.bold.map((b) => (b ? 'B' : '.')).join(''), '......BBBB.....');
});

test('runs of one paragraph are joined without a break and edited in their own run', () => {
  const p = para(text('One '), text('two', true), text(' three'));
  const { call } = load(body(p), [partial(p.children[0], 0, 3), whole(p.children[1]), partial(p.children[2], 0, 3)]);
  const read = call('getSelection');
  assert.equal(read.text, 'One two thr');
  assert.equal(call('applyFix', read.map, 4, 7, 'two', ' 2 ').ok, true);
  assert.equal(p.getText(), 'One  2  three');
});

test('a whole paragraph listed with its own text run is read once', () => {
  const p = para('Only once');
  const { call } = load(body(p), [whole(p), whole(p.children[0])]);
  assert.equal(call('getSelection').text, 'Only once');
});

test('applyEdits applies every edit or, when one is stale, none', () => {
  const p = para('Its a nice day , isnt it');
  const { call } = load(body(p), [whole(p)]);
  const read = call('getSelection');
  const edits = [
    { start: 0, end: 3, expected: 'Its', replacement: "It's" },
    { start: 14, end: 16, expected: ' ,', replacement: ',' },
    { start: 17, end: 21, expected: 'isnt', replacement: "isn't" },
  ];
  const stale = call('applyEdits', read.map, [...edits, { start: 22, end: 24, expected: 'XX', replacement: '' }]);
  assert.equal(stale.ok, false);
  assert.equal(p.getText(), 'Its a nice day , isnt it');
  const done = call('applyEdits', read.map, edits);
  assert.equal(done.ok, true);
  assert.equal(p.getText(), "It's a nice day, isn't it");
  assert.equal(done.map.segments[0].length, "It's a nice day, isn't it".length);
});

test('replaceSelection puts one line per paragraph, removes extra paragraphs, adds missing ones', () => {
  const docBody = body(para('Keep'), para('One'), para('Two'), para('Three'), para('After'));
  const { call } = load(docBody, [whole(docBody.children[1]), whole(docBody.children[2]), whole(docBody.children[3])]);
  const read = call('getSelection');
  let result = call('replaceSelection', read.map, 'Uno\nDos');
  assert.equal(result.ok, true);
  assert.equal(docBody.getText(), 'Keep\nUno\nDos\nAfter');
  result = call('replaceSelection', result.map, 'A\nB\nC\nD');
  assert.equal(docBody.getText(), 'Keep\nA\nB\nC\nD\nAfter');
  // The map answered covers the new text, so a fix can follow.
  assert.equal(call('applyFix', result.map, 4, 5, 'C', 'See').ok, true);
  assert.equal(docBody.getText(), 'Keep\nA\nB\nSee\nD\nAfter');
});

test('replaceSelection of a selection ending inside a paragraph keeps the unselected tail after it', () => {
  const p0 = para('Start here');
  const p1 = para('then the end stays');
  const docBody = body(p0, p1);
  const { call } = load(docBody, [partial(p0.children[0], 6, 9), partial(p1.children[0], 0, 11)]);
  const read = call('getSelection');
  assert.equal(read.text, 'here\nthen the end');
  call('replaceSelection', read.map, 'now\nlater\nat last');
  assert.equal(docBody.getText(), 'Start now\nlater at last stays');
});

test('replaceSelection keeps a list item a list item when it adds lines', () => {
  const docBody = body(item('first'));
  const { call } = load(docBody, [whole(docBody.children[0])]);
  call('replaceSelection', call('getSelection').map, 'one\ntwo');
  assert.deepEqual(docBody.children.map((c) => [c.type, c.getText()]), [[T.LIST_ITEM, 'one'], [T.LIST_ITEM, 'two']]);
});

test('insertBelow adds paragraphs after the selection, or at the end for the whole document', () => {
  const docBody = body(para('One'), para('Two'), para('Three'));
  let { call } = load(docBody, [partial(docBody.children[1].children[0], 0, 1)]);
  call('insertBelow', call('getSelection').map, 'Idea A\nIdea B');
  assert.equal(docBody.getText(), 'One\nTwo\nIdea A\nIdea B\nThree');
  ({ call } = load(docBody));
  call('insertBelow', call('getSelection').map, 'The end');
  assert.equal(docBody.getText(), 'One\nTwo\nIdea A\nIdea B\nThree\nThe end');
});

test('settings round-trip through user properties, split in parts under the 9 kB limit', () => {
  const { call, user } = load(body(para('x')));
  assert.deepEqual(call('loadSettings'), {});
  const big = { dictionary: Array.from({ length: 900 }, (_, i) => `wörd${i}`), disabledRules: ['style.wordiness'] };
  call('saveSettings', JSON.stringify(big));
  assert.deepEqual(call('loadSettings'), big);
  const parts = Number(user.values.get('PENWISE_SETTINGS'));
  assert.ok(parts > 1);
  for (const [, value] of user.values) assert.ok(Buffer.byteLength(value) < 9000);
  call('saveSettings', '{"dictionary":["Penwise"]}');
  assert.deepEqual(call('loadSettings'), { dictionary: ['Penwise'] });
  assert.equal(user.values.has('PENWISE_SETTINGS_1'), false);
  assert.throws(() => call('saveSettings', '[1, 2]'), /JSON object/);
});

test('callPenwise sends the script API key as a bearer token, only to our server', () => {
  const fetched = [];
  const UrlFetchApp = {
    fetch(url, options) {
      fetched.push({ url, options });
      return {
        getResponseCode: () => 422,
        getHeaders: () => ({ 'content-type': 'application/problem+json' }),
        getContentText: () => '{"title":"Bad"}',
      };
    },
  };
  const { call, script } = load(body(para('x')), null, { UrlFetchApp });
  script.values.set('PENWISE_API_KEY', 'k-123');
  const answer = call('callPenwise', '/v1/improve', '{"text":"hi"}');
  assert.deepEqual(answer, { status: 422, contentType: 'application/problem+json', body: '{"title":"Bad"}' });
  assert.equal(fetched[0].url, `${SERVER}/v1/improve`);
  assert.equal(fetched[0].options.method, 'post');
  assert.equal(fetched[0].options.headers.Authorization, 'Bearer k-123');
  assert.equal(fetched[0].options.payload, '{"text":"hi"}');
  assert.equal(fetched[0].options.muteHttpExceptions, true);
  assert.equal(fetched[0].options.headers.Accept, 'application/json');
  // The sidebar's api.js names resources by their full URL on the server.
  call('callPenwise', `${SERVER}/v1/tones?lang=en`, null, 'text/event-stream');
  assert.deepEqual([fetched[1].url, fetched[1].options.method], [`${SERVER}/v1/tones?lang=en`, 'get']);
  assert.equal(fetched[1].options.headers.Accept, 'text/event-stream');
  for (const bad of ['https://evil.example/x', `${SERVER}.evil.example/x`, '../admin', 'v1/x@evil.example', 'v1/a b']) {
    assert.throws(() => call('callPenwise', bad, null), /not an API path/, bad);
  }
  assert.equal(fetched.length, 2);
});

test('every Apps Script file parses as JavaScript (node --check on a .js copy)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'penwise-code-gs-'));
  for (const { name, url } of SCRIPTS) {
    const file = join(folder, name.replace(/\.gs$/, '.js'));
    writeFileSync(file, readFileSync(url, 'utf8'));
    const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${name}: ${result.stderr}`);
  }
});

test('every Apps Script function has a one-line JSDoc', () => {
  const functions = SCRIPTS.flatMap(({ url }) => [...readFileSync(url, 'utf8').matchAll(/^(.*)\n(?:async )?function (\w+)/gm)]);
  assert.ok(functions.length > 40, 'the check found the functions');
  const undocumented = functions
    .filter(([, before]) => !/^\/\*\* .+ \*\/$/.test(before.trim()) && !/^ \*\/$/.test(before))
    .map(([, , name]) => name);
  assert.deepEqual(undocumented, []);
});

test('each Apps Script file runs alone: no top level waits on another file', () => {
  // Apps Script runs every file's top level in the editor's order, which the writer may change.
  for (const { name, url } of SCRIPTS) {
    const context = vm.createContext({});
    assert.doesNotThrow(() => vm.runInContext(readFileSync(url, 'utf8'), context, { filename: name }), name);
  }
});

test('no two Apps Script files declare the same name (the later would silently win)', () => {
  const declared = SCRIPTS.flatMap(({ name, url }) =>
    [...readFileSync(url, 'utf8').matchAll(/^(?:async )?(?:function|const|let|var) (\w+)/gm)].map(([, found]) => `${found} (${name})`),
  );
  const names = declared.map((entry) => entry.split(' ')[0]);
  assert.deepEqual(declared.filter((_, i) => names.indexOf(names[i]) !== i), []);
  assert.ok(names.includes('getSelection') && names.includes('pollParagraphs'), 'the check found the names');
});

// ---- Checking as you write (Live.gs) ----

test('polling answers every paragraph at first, then “same”, then only the text that changed', () => {
  const first = para('I recieve it.');
  const second = para('Second, ', text('bold', true), ' part.');
  const doc = body(first, second, table(row(cell(para('In a cell.')))), item('A list item.'));
  const { call } = load(doc, null, { cursor: () => second.children[1] });
  const all = call('pollParagraphs', []);
  assert.equal(all.same, false);
  assert.deepEqual(all.paths, ['0', '1', '2.0.0.0', '3']);
  assert.deepEqual(Object.values(all.texts), ['I recieve it.', 'Second, bold part.', 'In a cell.', 'A list item.']);
  assert.equal(all.focus, '1', 'the cursor’s paragraph, from a run inside it');
  assert.deepEqual(call('pollParagraphs', all.hashes), { same: true, focus: '1' });
  first.editAsText().insertText(2, 'do ');
  const changed = call('pollParagraphs', all.hashes);
  assert.deepEqual(Object.values(changed.texts), ['I do recieve it.'], 'only the changed text is sent');
  assert.deepEqual(changed.paths, all.paths);
  // A new paragraph on top moves every place; only its text is new.
  doc.insertParagraph(0, 'A new first line.');
  const moved = call('pollParagraphs', changed.hashes);
  assert.deepEqual(Object.values(moved.texts), ['A new first line.']);
  assert.deepEqual(moved.paths, ['0', '1', '2', '3.0.0.0', '4']);
});

test('a fix by paragraph lands in that paragraph, or is refused when its words are gone', () => {
  const target = para('We recieve ', text('it', true), ' today.');
  const { call } = load(body(para('First.'), target));
  assert.deepEqual(call('applyParagraphFix', '1', 3, 10, 'recieve', 'receive'), { ok: true });
  assert.equal(target.getText(), 'We receive it today.');
  assert.deepEqual(call('applyParagraphFix', '1', 3, 10, 'recieve', 'receive'), { ok: false });
  assert.deepEqual(call('applyParagraphFix', '7', 0, 1, 'x', 'y'), { ok: false }, 'no such paragraph');
});
