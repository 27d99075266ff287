// The Word host against a stand-in for Word: office-addin-mock gives each batch its request
// context (with its load-before-read rule on document properties); ranges, search and edits
// come from a small document model below, since the mock cannot search or edit text.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { createWordHost } from '../../taskpane/hosts/word.js';
import { memoryStorage } from '../../taskpane/hosts/word_settings.js';

// ---------------------------------------------------------------- a document model

/** A Word document as characters with a format each (bold, link, ...), "\r" between paragraphs. */
class FakeDoc {
  constructor(runs, { selection = [0, 0] } = {}) {
    this.chars = runs.flatMap(([text, fmt]) => text.split('').map((ch) => ({ ch, fmt })));
    this.selection = selection;
    this.live = new Set();
    this.tracked = new Set();
    this.annotations = new Map();
    this.nextAnnotation = 1;
    this.popupHandlers = [];
    this.trackingMode = 'Off';
    this.syncs = 0;
    this.current = null;
    this.hidden = null; // text Word's search does not see (a field, hidden text)
  }

  get text() {
    return this.chars.map((c) => c.ch).join('');
  }

  /** Runs of equal format, as [text, format] pairs. */
  runs() {
    const runs = [];
    for (const { ch, fmt } of this.chars) {
      if (runs.length && runs.at(-1)[1] === fmt) runs.at(-1)[0] += ch;
      else runs.push([ch, fmt]);
    }
    return runs;
  }

  /** The writer types: replace [a, b) with s. */
  type(a, b, s) {
    this.edit(a, b, s, this.chars[a]?.fmt ?? this.chars[a - 1]?.fmt);
  }

  edit(a, b, s, fmt) {
    this.chars.splice(a, b - a, ...s.split('').map((ch) => ({ ch, fmt })));
    const delta = s.length - (b - a);
    for (const r of this.live) {
      if (r.start > a) r.start = r.start >= b ? r.start + delta : a;
      if (r.end > b || (r.end === b && a < b)) r.end += delta;
      else if (r.end > a) r.end = a + s.length;
    }
  }

  paragraphs() {
    const spans = [];
    let start = 0;
    const text = this.text;
    for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
      spans.push([start, i]);
      start = i + 1;
    }
    spans.push([start, text.length]);
    return spans;
  }
}

/** Word's non-wildcard search codes; an unknown one is an error, as in Word. */
function unescapeSearch(search) {
  const codes = { '^': '^', p: '\r', t: '\t', l: '\v' };
  return search.replace(/\^(.?)/g, (_, code) => {
    if (!(code in codes)) throw new Error(`InvalidArgument: search code ^${code}`);
    return codes[code];
  });
}

class FakeRange {
  constructor(doc, start, end) {
    Object.assign(this, { doc, start, end, ctx: doc.current, loaded: new Map() });
    doc.live.add(this);
  }

  use() {
    if (this.ctx !== this.doc.current) throw new Error('InvalidObjectPath');
  }

  load() {
    this.use();
    this.ctx.pending.push(() => this.loaded.set('text', this.doc.text.slice(this.start, this.end)));
    return this;
  }

  get text() {
    if (!this.loaded.has('text')) throw new Error('PropertyNotLoaded: text');
    return this.loaded.get('text');
  }

  track() {
    this.use();
    this.doc.tracked.add(this);
    return this;
  }

  untrack() {
    this.use();
    this.doc.tracked.delete(this);
    return this;
  }

  search(search, options) {
    this.use();
    assert.equal(options.matchCase, true);
    assert.equal(options.matchWildcards, false);
    if (search.length > 255) throw new Error('InvalidArgument: search text over 255 characters');
    const needle = unescapeSearch(search);
    const text = this.doc.text;
    const found = [];
    for (let i = text.indexOf(needle, this.start); i !== -1 && i + needle.length <= this.end; i = text.indexOf(needle, i + needle.length)) {
      const hidden = this.doc.hidden;
      if (hidden && needle.includes(hidden)) continue;
      found.push(new FakeRange(this.doc, i, i + needle.length));
    }
    return new FakeCollection(this, found);
  }

  insertText(s, location) {
    this.use();
    const { doc } = this;
    if (location === 'Replace') {
      const start = this.start;
      doc.edit(this.start, this.end, s, doc.chars[this.start]?.fmt ?? doc.chars[this.start - 1]?.fmt);
      return new FakeRange(doc, start, start + s.length);
    }
    if (location === 'End') {
      const at = this.end;
      doc.edit(at, at, s, doc.chars[at - 1]?.fmt);
      this.end = at + s.length;
      return new FakeRange(doc, at, at + s.length);
    }
    if (location === 'Start') {
      const at = this.start;
      doc.edit(at, at, s, doc.chars[at]?.fmt);
      return new FakeRange(doc, at, at + s.length);
    }
    throw new Error(`InvalidArgument: insertText ${location}`);
  }

  delete() {
    this.use();
    this.doc.edit(this.start, this.end, '', undefined);
  }

  expandTo(other) {
    this.use();
    return new FakeRange(this.doc, Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  getRange(location = 'Whole') {
    this.use();
    if (location === 'Start') return new FakeRange(this.doc, this.start, this.start);
    if (location === 'End') return new FakeRange(this.doc, this.end, this.end);
    return new FakeRange(this.doc, this.start, this.end);
  }

  get paragraphs() {
    this.use();
    const spans = this.doc.paragraphs().filter(([s, e]) => s <= this.end && e >= this.start);
    return new FakeCollection(this, spans.map(([s, e]) => new FakeParagraph(this.doc, s, e)));
  }

  insertParagraph(text, location) {
    this.use();
    const doc = this.doc;
    let at = doc.text.length;
    if (location === 'After') {
      const mark = doc.text.indexOf('\r', this.end);
      at = mark === -1 ? doc.text.length : mark;
    } else if (location !== 'End') throw new Error(`InvalidArgument: insertParagraph ${location}`);
    doc.edit(at, at, `\r${text}`, doc.chars[at - 1]?.fmt);
    return new FakeParagraph(doc, at + 1, at + 1 + text.length);
  }
}

class FakeParagraph extends FakeRange {
  insertAnnotations({ critiques }) {
    this.use();
    const length = this.end - this.start;
    const ids = critiques.map((critique) => {
      assert.ok(['Red', 'Green', 'Blue', 'Lavender', 'Berry'].includes(critique.colorScheme));
      assert.ok(critique.start >= 0 && critique.start + critique.length <= length, 'inside the paragraph');
      const id = `a${this.doc.nextAnnotation++}`;
      this.doc.annotations.set(id, {
        text: this.doc.text.slice(this.start + critique.start, this.start + critique.start + critique.length),
        critique,
      });
      return id;
    });
    return clientResult(this.ctx, ids);
  }
}

class FakeCollection {
  constructor(parent, items) {
    Object.assign(this, { parent, all: items, synced: false });
  }

  load() {
    this.parent.use();
    this.parent.ctx.pending.push(() => (this.synced = true));
    return this;
  }

  get items() {
    if (!this.synced) throw new Error('PropertyNotLoaded: items');
    return this.all;
  }

  getFirst() {
    return this.all[0];
  }
}

function clientResult(ctx, value) {
  let synced = false;
  ctx.pending.push(() => (synced = true));
  return {
    get value() {
      if (!synced) throw new Error('PropertyNotLoaded: value');
      return value;
    },
  };
}

/** A request context: office-addin-mock's object, with the document's methods added. */
function newContext(doc) {
  const context = new OfficeMockObject({ document: { changeTrackingMode: doc.trackingMode } });
  const syncMock = context.sync.bind(context);
  context.pending = [];
  context.sync = async () => {
    doc.syncs++;
    for (const op of context.pending.splice(0)) op();
    await syncMock();
    await new Promise((resolve) => setImmediate(resolve)); // the mock's sync settles late
  };
  const document = context.document;
  document.getSelection = () => new FakeRange(doc, ...doc.selection);
  Object.defineProperty(document, 'body', { get: () => new FakeRange(doc, 0, doc.text.length) });
  document.getAnnotationById = (id) => ({
    delete: () =>
      context.pending.push(() => {
        if (!doc.annotations.delete(id)) throw new Error('ItemNotFound');
      }),
  });
  document.onAnnotationPopupAction = { add: (handler) => doc.popupHandlers.push(handler) };
  return context;
}

/** Install Office and Word globals over a document, supporting WordApi up to `api`. */
function install(doc, { api = 1.8, displayLanguage = 'en-US', partitionKey } = {}) {
  globalThis.Office = {
    onReady: async () => ({ host: 'Word' }),
    context: {
      displayLanguage,
      partitionKey,
      requirements: { isSetSupported: (name, version) => name === 'WordApi' && Number(version) <= api },
    },
  };
  globalThis.Word = {
    run: async (objectOrBatch, maybeBatch) => {
      const batch = maybeBatch ?? objectOrBatch;
      const context = newContext(doc);
      if (maybeBatch) {
        if (!doc.tracked.has(objectOrBatch)) throw new Error('InvalidObjectPath: object not tracked');
        objectOrBatch.ctx = context;
      }
      doc.current = context;
      try {
        return await batch(context);
      } finally {
        const mode = context.document.changeTrackingMode;
        if (typeof mode === 'string' && !mode.startsWith('Error')) doc.trackingMode = mode;
        doc.current = null;
      }
    },
  };
  return createWordHost();
}

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

test('issues become critiques per paragraph, paragraph-relative, and a pop-up choice applies', async () => {
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
  await host.markIssues(issues, (id, replacement) => chosen.push([id, replacement]));
  const marks = [...doc.annotations.values()].map((a) => [a.text, a.critique.colorScheme]);
  assert.deepEqual(marks, [['has', 'Red'], ['cat', 'Lavender'], ['utilised', 'Blue']]);
  const [first] = doc.annotations.values();
  assert.equal(first.critique.start, 9); // "Intro: I " before it in its paragraph
  assert.deepEqual(first.critique.popupOptions.suggestions, ['have']);

  const [id] = doc.annotations.keys();
  await doc.popupHandlers[0]({ id, action: 'Accept', critiqueSuggestion: 'have' });
  await doc.popupHandlers[0]({ id, action: 'Reject' });
  assert.deepEqual(chosen, [['i1', 'have']]);

  await host.clearMarks();
  assert.equal(doc.annotations.size, 0);
});

test('marking again first removes the earlier marks, even one already gone', async () => {
  const doc = new FakeDoc([['I has a cat.', null]]);
  const host = await install(doc);
  const { text } = await host.read();
  const issues = [issue(text, 'has', 'correctness', ['have'], 'i1'), issue(text, 'cat', 'style', [], 'i2')];
  await host.markIssues(issues, () => {});
  doc.annotations.delete([...doc.annotations.keys()][0]); // accepted in Word, so gone
  await host.markIssues(issues.slice(1), () => {});
  assert.deepEqual([...doc.annotations.values()].map((a) => a.text), ['cat']);
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
