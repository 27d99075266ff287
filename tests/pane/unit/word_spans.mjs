// Word's text objects in the stand-in (word_standin.mjs): Range, Body, Paragraph and
// ContentControl, all spans of the document model, each typed as its own class from
// Microsoft's type definitions; search, insertion, content controls and comments on them.
import assert from 'node:assert/strict';
import { inner, typedObject } from './office_types.mjs';
import { FakeComment, clientResult, collection, controlCollection, nullObject } from './word_collections.mjs';

/** Word rejects search text longer than this (office-js issues 31, 168, 1726). */
const SEARCH_LIMIT = 255;

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

export class FakeBody extends Span {
  constructor(doc) {
    super(doc, 0, doc.text.length);
    this.self = typedObject('Body', this, doc.gate);
    return this.self;
  }
}

export class FakeParagraph extends Span {
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
