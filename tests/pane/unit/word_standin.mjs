// A stand-in for Word that cannot lie about Word's API. office-addin-mock gives each batch its
// request context (with its load-before-read rule on document properties); ranges, search,
// edits and annotations come from a small document model here, since the mock cannot search
// or edit text. Every Word object the host receives is built from Microsoft's type definitions
// (office_types.mjs): a member Word lacks, a value it refuses, or a member of a requirement set
// above the one installed throws, as it would in Word.
//
// Where real Word behaves in a way the types do not show, the stand-in does too:
// - search text over 255 characters is refused (office-js issues 31, 168, 1726);
// - without a Microsoft 365 subscription, insertAnnotations fails with GeneralException
//   (office-js issues 4953, 5179; "Use annotations in your Word add-in", Prerequisites);
// - accepting a suggestion in an annotation's pop-up replaces the words on the web and on
//   Windows before the event reaches the add-in (the annotations guide; office-js issue 6644),
//   and does not on Mac (6644): `new FakeDoc(..., {acceptReplaces: false})`;
// - critique `start` and `length` count UTF-16 units of the paragraph's text (Paragraph.text,
//   a JavaScript string; office-js issue 4997 takes `start` from paragraph.text.indexOf);
// - paragraph events (WordApi 1.6) come after the edit, and Word may not send them at all in
//   fast edits (office-js issue 4874): `doc.missEvents = true`;
// - a content control cannot be placed on a range that straddles another control's edge, nor
//   in some fields and table cells: insertContentControl fails with GeneralException at sync
//   (office-js issues 1169, 3367, 6103), and the batch stops there: `doc.fields` lists such
//   places;
// - text typed inside a content control becomes part of it; an edit that takes a control's
//   whole text and more takes the control with it.
import assert from 'node:assert/strict';
import { OfficeMockObject } from 'office-addin-mock';
import { inner, typedObject } from './office_types.mjs';

/** Word rejects search text longer than this (office-js issues 31, 168, 1726). */
const SEARCH_LIMIT = 255;

/** A Word document as characters with a format each (bold, link, ...), "\r" between paragraphs. */
export class FakeDoc {
  /**
   * @param {Array<[string, string|null]>} runs
   * @param {{selection?: [number, number], acceptReplaces?: boolean, subscription?: boolean}} [options]
   *   `acceptReplaces`: Word on the web and Windows (true) or on Mac (false);
   *   `subscription`: Word with Microsoft 365 (true) or a one-time purchase (false).
   */
  constructor(runs, { selection = [0, 0], acceptReplaces = true, subscription = true } = {}) {
    this.chars = runs.flatMap(([text, fmt]) => text.split('').map((ch) => ({ ch, fmt })));
    Object.assign(this, { selection, acceptReplaces, subscription });
    this.live = new Set();
    this.tracked = new Set();
    this.annotations = new Map();
    this.nextAnnotation = 1;
    this.popupHandlers = [];
    this.trackingMode = 'Off';
    this.syncs = 0;
    this.current = null;
    this.hidden = null; // text Word's search does not see (a field, hidden text)
    this.beforeAnnotating = null; // the writer's typing while underlines are on their way
    this.gate = { api: 1.8 };
    this.running = 0; // Word.run batches under way
    this.made = 0;
    /** Each paragraph's uniqueLocalId (WordApi 1.6), in document order. */
    this.paragraphIds = this.paragraphs().map(() => this.newId());
    /** Handlers the add-in registered: Word's events by name, and Office's selection change. */
    this.handlers = { ParagraphAdded: [], ParagraphChanged: [], ParagraphDeleted: [], AnnotationClicked: [], selection: [] };
    this.missEvents = false; // office-js 4874: Word may not tell of fast edits
    /** Content controls (their stand-in objects), comments and the document's settings. */
    this.controls = new Set();
    this.comments = new Set();
    this.settings = new Map();
    this.fields = []; // [start, end) spans where Word places no content control
    this.nextControl = 100;
    this.nextComment = 1;
  }

  /** The content controls, outermost first, as {start, end, tag, title, appearance, id}. */
  controlSpans() {
    return [...this.controls]
      .sort((a, b) => a.start - b.start || b.end - a.end)
      .map(({ start, end, state }) => ({ start, end, ...state }));
  }

  /** The text inside each content control with `tag`, in document order. */
  controlled(tag) {
    return this.controlSpans()
      .filter((control) => control.tag === tag)
      .map((control) => this.text.slice(control.start, control.end));
  }

  /** A GUID-shaped id, as Word's uniqueLocalId. */
  newId() {
    this.made += 1;
    return `00000000-0000-4000-8000-${String(this.made).padStart(12, '0')}`;
  }

  /** The id of the paragraph starting at `start`, or null. */
  paragraphIdAt(start) {
    const index = this.paragraphs().findIndex(([s]) => s === start);
    return index === -1 ? null : this.paragraphIds[index];
  }

  /** Tell the add-in's handlers of `name`, after the edit, as Word does (unless it misses it). */
  fire(name, uniqueLocalIds) {
    if (!uniqueLocalIds.length || this.missEvents) return;
    const args = { source: 'Local', type: name, uniqueLocalIds };
    for (const handler of this.handlers[name]) setImmediate(() => handler(args));
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

  /** The writer types: replace [a, b) with s; the caret moves after it. */
  type(a, b, s) {
    this.edit(a, b, s, this.chars[a]?.fmt ?? this.chars[a - 1]?.fmt);
    this.selection = [a + s.length, a + s.length];
    if (!this.missEvents) for (const handler of this.handlers.selection) setImmediate(() => handler({ type: 'documentSelectionChanged' }));
  }

  edit(a, b, s, fmt) {
    const before = this.paragraphs();
    const first = before.findIndex(([, e]) => a <= e);
    const last = before.findIndex(([, e]) => b <= e);
    const oldText = this.text;
    // An edit that takes a control's (or a comment's) whole text and more takes it too.
    for (const set of [this.controls, this.comments]) {
      for (const item of set) {
        const span = item.span ?? item;
        if (a <= span.start && span.end <= b && (a < span.start || span.end < b)) set.delete(item);
      }
    }
    this.chars.splice(a, b - a, ...s.split('').map((ch) => ({ ch, fmt })));
    const delta = s.length - (b - a);
    for (const r of this.live) {
      if (r.start > a) r.start = r.start >= b ? r.start + delta : a;
      if (r.end > b || (r.end === b && a < b)) r.end += delta;
      else if (r.end > a) r.end = a + s.length;
    }
    // The paragraph the edit starts in keeps its id; marks it adds are new paragraphs,
    // marks it removes end the paragraphs they began.
    const added = [...s].filter((ch) => ch === '\r').map(() => this.newId());
    const deleted = this.paragraphIds.slice(first + 1, last + 1);
    const kept = this.paragraphIds[first];
    this.paragraphIds.splice(first, last - first + 1, kept, ...added);
    if (oldText !== this.text) this.fire('ParagraphChanged', [kept]);
    this.fire('ParagraphAdded', added);
    this.fire('ParagraphDeleted', deleted);
  }

  /** The writer clicks annotation `id` (WordApi 1.7's onAnnotationClicked). */
  async click(id) {
    for (const handler of this.handlers.AnnotationClicked) handler({ id });
    await this.quiet();
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

  /** The annotated words of annotation `id`, as the document holds them now. */
  annotated(id) {
    const { span } = this.annotations.get(id);
    return this.text.slice(span.start, span.end);
  }

  /**
   * The writer picks `suggestion` in annotation `id`'s pop-up. Word on the web and on Windows
   * replace the annotated words first, then tell the add-in; Word on Mac only tells it.
   */
  async accept(id, suggestion) {
    const { span } = this.annotations.get(id);
    if (this.acceptReplaces) this.edit(span.start, span.end, suggestion, this.chars[span.start]?.fmt);
    this.annotations.delete(id);
    for (const handler of this.popupHandlers) handler({ id, action: 'Accept', critiqueSuggestion: suggestion });
    await this.quiet();
  }

  /** Wait until no batch the add-in started is still running (Word does not wait for them). */
  async quiet() {
    do await new Promise((resolve) => setImmediate(resolve));
    while (this.running > 0);
    await new Promise((resolve) => setImmediate(resolve));
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

/** What Word.Range, Word.Body and Word.Paragraph share here; each is typed as its own class. */
class Span {
  constructor(doc, start, end) {
    Object.assign(this, { doc, start, end, ctx: doc.current, loaded: new Map(), isNullObject: false });
    doc.live.add(this);
  }

  use() {
    if (this.ctx !== this.doc.current) throw new Error('InvalidObjectPath');
  }

  load() {
    this.use();
    this.ctx.pending.push(() => this.fill());
    return this.self;
  }

  /** What a load reads, at sync: the text, and a paragraph's id (gone: ItemNotFound). */
  fill() {
    if (this.gone) throw Object.assign(new Error('ItemNotFound'), { code: 'ItemNotFound' });
    this.loaded.set('text', this.doc.text.slice(this.start, this.end));
    if (this instanceof FakeParagraph) this.loaded.set('uniqueLocalId', this.doc.paragraphIdAt(this.start));
  }

  get text() {
    if (!this.loaded.has('text')) throw new Error('PropertyNotLoaded: text');
    return this.loaded.get('text');
  }

  get uniqueLocalId() {
    if (!this.loaded.has('uniqueLocalId')) throw new Error('PropertyNotLoaded: uniqueLocalId');
    return this.loaded.get('uniqueLocalId');
  }

  track() {
    this.use();
    this.doc.tracked.add(this);
    return this.self;
  }

  untrack() {
    this.use();
    this.doc.tracked.delete(this);
    return this.self;
  }

  search(search, options) {
    this.use();
    assert.equal(options.matchCase, true);
    assert.equal(options.matchWildcards, false);
    if (search.length > SEARCH_LIMIT) throw new Error('InvalidArgument: search text over 255 characters');
    const needle = unescapeSearch(search);
    const text = this.doc.text;
    const found = [];
    for (let i = text.indexOf(needle, this.start); i !== -1 && i + needle.length <= this.end; i = text.indexOf(needle, i + needle.length)) {
      const hidden = this.doc.hidden;
      if (hidden && needle.includes(hidden)) continue;
      found.push(new FakeRange(this.doc, i, i + needle.length));
    }
    return collection('RangeCollection', this, found);
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
    const that = inner(other);
    return new FakeRange(this.doc, Math.min(this.start, that.start), Math.max(this.end, that.end));
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
    return collection('ParagraphCollection', this, spans.map(([s, e]) => new FakeParagraph(this.doc, s, e)));
  }

  /** A content control around this text; Word places it at sync, or refuses (see the top). */
  insertContentControl() {
    this.use();
    const { doc } = this;
    const control = inner(new FakeContentControl(doc, this.start, this.end));
    this.ctx.pending.push(() => {
      const { start, end } = control;
      const straddles = [...doc.controls].some((c) => (c.start < start && start < c.end && c.end < end) || (start < c.start && c.start < end && end < c.end));
      const inField = doc.fields.some(([from, to]) => start < to && from < end);
      if (straddles || inField) {
        throw Object.assign(new Error('GeneralException'), {
          name: 'RichApi.Error',
          code: 'GeneralException',
          debugInfo: { code: 'GeneralException', errorLocation: 'Range.insertContentControl' },
        });
      }
      control.state.id = doc.nextControl++;
      doc.controls.add(control);
    });
    return control.self;
  }

  /** The content controls inside this text (WordApi 1.1), as of the sync that loads them. */
  get contentControls() {
    this.use();
    return controlCollection(this, () => [...this.doc.controls].filter((c) => this.start <= c.start && c.end <= this.end));
  }

  /** The comments on this text (WordApi 1.4). */
  getComments() {
    this.use();
    const { doc } = this;
    return collection('CommentCollection', this, () =>
      [...doc.comments].filter((c) => c.span.start < this.end && this.start < c.span.end).map((c) => c.bind(this.ctx)),
    );
  }

  /** The innermost content control around this text, or a null object (WordApi 1.3). */
  get parentContentControlOrNullObject() {
    this.use();
    const around = [...this.doc.controls]
      .filter((c) => c !== this && c.start <= this.start && this.end <= c.end)
      .sort((a, b) => b.start - a.start || a.end - b.end);
    return around.length ? around[0].bind(this.ctx) : nullObject('ContentControl', this.doc);
  }

  select() {
    this.use();
    this.ctx.pending.push(() => (this.doc.selection = [this.start, this.end]));
  }

  /** A new paragraph 'After' this one's paragraph, or at the 'Start' or 'End' of a body. */
  insertParagraph(text, location) {
    this.use();
    const doc = this.doc;
    let at = doc.text.length;
    if (location === 'After') {
      const mark = doc.text.indexOf('\r', this.end);
      at = mark === -1 ? doc.text.length : mark;
    } else if (location !== 'End') throw new Error(`stand-in: insertParagraph ${location} is not modelled`);
    doc.edit(at, at, `\r${text}`, doc.chars[at - 1]?.fmt);
    return new FakeParagraph(doc, at + 1, at + 1 + text.length);
  }
}

export class FakeRange extends Span {
  constructor(doc, start, end) {
    super(doc, start, end);
    this.self = typedObject('Range', this, doc.gate);
    return this.self;
  }

  /** A comment on this text (WordApi 1.4). */
  insertComment(content) {
    this.use();
    const comment = new FakeComment(this.doc, this.start, this.end, content);
    this.ctx.pending.push(() => this.doc.comments.add(comment));
    return comment.bind(this.ctx);
  }

  /** The text both ranges hold, or a null object when they share none (WordApi 1.3). */
  intersectWithOrNullObject(other) {
    this.use();
    const that = inner(other);
    const start = Math.max(this.start, that.start);
    const end = Math.min(this.end, that.end);
    return start < end ? new FakeRange(this.doc, start, end) : nullObject('Range', this.doc);
  }
}

/**
 * A content control: its place follows the text like any range; its tag, title and
 * appearance are written by the add-in and read back once loaded. One object per control,
 * handed to each batch that finds it (as Word makes a new proxy in each request context).
 */
class FakeContentControl extends Span {
  constructor(doc, start, end) {
    super(doc, start, end);
    this.state = { id: null, tag: '', title: '', appearance: 'BoundingBox' };
    this.self = typedObject('ContentControl', this, doc.gate);
    return this.self;
  }

  bind(ctx) {
    this.ctx = ctx;
    this.loaded = new Map();
    return this.self;
  }

  fill() {
    super.fill();
    for (const name of ['id', 'tag', 'title', 'appearance']) this.loaded.set(name, this.state[name]);
  }

  property(name) {
    if (!this.loaded.has(name)) throw new Error(`PropertyNotLoaded: ${name}`);
    return this.loaded.get(name);
  }

  get id() { return this.property('id'); }
  get tag() { return this.property('tag'); }
  get title() { return this.property('title'); }
  get appearance() { return this.property('appearance'); }
  set tag(value) { this.setProperty('tag', value); }
  set title(value) { this.setProperty('title', value); }
  set appearance(value) {
    if (!['BoundingBox', 'Tags', 'Hidden'].includes(value)) throw new Error(`InvalidArgument: appearance ${value}`);
    this.setProperty('appearance', value);
  }

  setProperty(name, value) {
    this.use();
    this.loaded.set(name, value);
    this.ctx.pending.push(() => (this.state[name] = value));
  }

  /** Remove the control; its text goes too unless `keepContent`. */
  delete(keepContent) {
    this.use();
    this.ctx.pending.push(() => {
      if (!this.doc.controls.delete(this)) throw Object.assign(new Error('ItemNotFound'), { code: 'ItemNotFound' });
      if (!keepContent) this.doc.edit(this.start, this.end, '', undefined);
    });
  }
}

/** A comment (WordApi 1.4) on a span of text that follows edits. */
class FakeComment {
  constructor(doc, start, end, content) {
    this.doc = doc;
    this.span = { start, end };
    doc.live.add(this.span);
    this.content = content;
    this.id = `c${doc.nextComment++}`;
  }

  /** The comment as a batch sees it. */
  bind(ctx) {
    const comment = this;
    const target = {
      get id() { return comment.id; },
      get content() { return comment.content; },
      load: () => typed,
      getRange: () => {
        assert.equal(ctx, comment.doc.current, 'a comment used outside its batch');
        return new FakeRange(comment.doc, comment.span.start, comment.span.end);
      },
      delete: () => ctx.pending.push(() => comment.doc.comments.delete(comment)),
    };
    const typed = typedObject('Comment', target, this.doc.gate);
    return typed;
  }
}

/** What Word answers for "…OrNullObject" when there is nothing: only isNullObject says so. */
function nullObject(className, doc) {
  const target = { isNullObject: true, load: () => typed };
  const typed = typedObject(className, target, doc.gate);
  return typed;
}

/**
 * The content controls `find` answers at sync, in document order (outer before inner), with
 * Word.ContentControlCollection's lookups.
 */
function controlCollection(parent, unordered) {
  const find = () => unordered().sort((a, b) => a.start - b.start || b.end - a.end);
  const bound = () => find().map((control) => control.bind(parent.ctx));
  return collection('ContentControlCollection', parent, bound, {
    getByTag: (tag) => controlCollection(parent, () => find().filter((control) => control.state.tag === tag)),
    getById: (id) => {
      const found = find().find((control) => control.state.id === id);
      if (found) return found.bind(parent.ctx);
      const missing = { select: () => parent.ctx.pending.push(() => { throw Object.assign(new Error('ItemNotFound'), { code: 'ItemNotFound' }); }) };
      return typedObject('ContentControl', missing, parent.doc.gate);
    },
  });
}

export class FakeBody extends Span {
  constructor(doc) {
    super(doc, 0, doc.text.length);
    this.self = typedObject('Body', this, doc.gate);
    return this.self;
  }
}

class FakeParagraph extends Span {
  constructor(doc, start, end) {
    super(doc, start, end);
    this.self = typedObject('Paragraph', this, doc.gate);
    return this.self;
  }

  insertAnnotations({ critiques }) {
    this.use();
    const { doc } = this;
    const length = this.end - this.start;
    const ids = critiques.map((critique) => {
      assert.ok(['Red', 'Green', 'Blue', 'Lavender', 'Berry'].includes(critique.colorScheme));
      assert.ok(critique.start >= 0 && critique.start + critique.length <= length, 'inside the paragraph');
      return `a${doc.nextAnnotation++}`;
    });
    const paragraph = this;
    this.ctx.pending.push(() => {
      doc.beforeAnnotating?.();
      const { start, end } = paragraph;
      if (critiques.some((critique) => critique.start + critique.length > end - start)) {
        throw Object.assign(new Error('InvalidArgument: a critique outside its paragraph'), { code: 'InvalidArgument' });
      }
      if (!doc.subscription) {
        // What a one-time-purchase Word answers (office-js issues 4953, 5179).
        throw Object.assign(new Error('GeneralException'), {
          name: 'RichApi.Error',
          code: 'GeneralException',
          debugInfo: { code: 'GeneralException', errorLocation: 'Paragraph.insertAnnotations' },
        });
      }
      critiques.forEach((critique, k) => {
        const span = { start: start + critique.start, end: start + critique.start + critique.length };
        doc.live.add(span);
        doc.annotations.set(ids[k], { span, critique });
      });
    });
    return clientResult(this.ctx, ids);
  }
}

/**
 * A collection (Word.RangeCollection, Word.ParagraphCollection, ...) of items found by
 * parent: given, or found by `items()` at the sync that loads them; `extra` adds its class's
 * own lookups.
 */
function collection(className, parent, items, extra = {}) {
  const state = { synced: false, items: typeof items === 'function' ? [] : items };
  const target = {
    ...extra,
    load() {
      parent.use();
      parent.ctx.pending.push(() => {
        state.synced = true;
        if (typeof items === 'function') state.items = items();
        for (const item of state.items) inner(item).fill?.();
      });
      return typed;
    },
    get items() {
      if (!state.synced) throw new Error('PropertyNotLoaded: items');
      return state.items;
    },
    getFirst() {
      return state.items[0];
    },
  };
  const typed = typedObject(className, target, parent.doc.gate);
  return typed;
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

/** A request context: office-addin-mock's object, with a typed Word.Document over the model. */
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
  Object.defineProperty(document, 'body', { get: () => new FakeBody(doc) });
  Object.defineProperty(document, 'contentControls', { get: () => inner(new FakeBody(doc)).contentControls });
  Object.defineProperty(document, 'settings', { get: () => settingCollection(doc, context) });
  document.getAnnotationById = (id) =>
    typedObject(
      'Annotation',
      {
        delete: () =>
          context.pending.push(() => {
            if (!doc.annotations.delete(id)) throw new Error('ItemNotFound');
          }),
      },
      doc.gate,
    );
  document.onAnnotationPopupAction = { add: (handler) => context.pending.push(() => doc.popupHandlers.push(handler)) };
  for (const name of ['ParagraphAdded', 'ParagraphChanged', 'ParagraphDeleted', 'AnnotationClicked']) {
    document[`on${name}`] = { add: (handler) => context.pending.push(() => doc.handlers[name].push(handler)) };
  }
  document.getParagraphByUniqueLocalId = (id) => {
    const index = doc.paragraphIds.indexOf(id);
    if (index === -1) {
      const gone = inner(new FakeParagraph(doc, 0, 0));
      gone.gone = true;
      return gone.self;
    }
    const [start, end] = doc.paragraphs()[index];
    return new FakeParagraph(doc, start, end);
  };
  context.document = typedObject('Document', document, doc.gate);
  return context;
}

/** Word.SettingCollection (WordApi 1.4): settings kept in the document, any JSON value. */
function settingCollection(doc, context) {
  const body = inner(new FakeBody(doc));
  const setting = (key, value) =>
    typedObject(
      'Setting',
      {
        key,
        value,
        delete: () => context.pending.push(() => doc.settings.delete(key)),
      },
      doc.gate,
    );
  return collection('SettingCollection', body, () => [...doc.settings].map(([key, value]) => setting(key, structuredClone(value))), {
    add: (key, value) => {
      const kept = structuredClone(value);
      context.pending.push(() => doc.settings.set(key, kept));
      return setting(key, kept);
    },
  });
}

/**
 * Install Office and Word globals over a document, supporting WordApi up to `api`, and answer
 * the host that `create` makes (the Word host's createWordHost).
 */
export function install(doc, create, { api = 1.8, displayLanguage = 'en-US', partitionKey } = {}) {
  doc.gate.api = api;
  globalThis.Office = {
    onReady: async () => ({ host: 'Word' }),
    EventType: { DocumentSelectionChanged: 'documentSelectionChanged' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    context: {
      displayLanguage,
      partitionKey,
      requirements: { isSetSupported: (name, version) => name === 'WordApi' && Number(version) <= api },
      document: {
        addHandlerAsync(type, handler, callback) {
          assert.equal(type, 'documentSelectionChanged');
          doc.handlers.selection.push(handler);
          callback?.({ status: 'succeeded' });
        },
      },
    },
  };
  globalThis.Word = {
    Body: FakeBody,
    Range: FakeRange,
    run: async (objectOrBatch, maybeBatch) => {
      const batch = maybeBatch ?? objectOrBatch;
      const context = newContext(doc);
      if (maybeBatch) {
        const object = inner(objectOrBatch);
        if (!doc.tracked.has(object)) throw new Error('InvalidObjectPath: object not tracked');
        object.ctx = context;
      }
      doc.current = context;
      doc.running++;
      try {
        return await batch(context);
      } finally {
        const mode = inner(context.document).changeTrackingMode;
        if (typeof mode === 'string' && !mode.startsWith('Error')) doc.trackingMode = mode;
        doc.current = null;
        doc.running--;
      }
    },
  };
  return create();
}
