// A stand-in for Word that cannot lie about Word's API. office-addin-mock gives each batch its
// request context (with its load-before-read rule on document properties); ranges, search,
// edits and annotations come from a small document model here (its text objects in
// word_spans.mjs, its collections in word_collections.mjs), since the mock cannot search
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
import { FakeBody, FakeParagraph, FakeRange } from './word_spans.mjs';
import { collection } from './word_collections.mjs';

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
