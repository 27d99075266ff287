// Word's collections and the objects around its spans in the stand-in (word_standin.mjs):
// comments, null objects, content control collections, the collection every *Collection is,
// and client results that can be read only after a sync.
import assert from 'node:assert/strict';
import { inner, typedObject } from './office_types.mjs';
import { FakeRange } from './word_spans.mjs';

/** A comment (WordApi 1.4) on a span of text that follows edits. */
export class FakeComment {
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
export function nullObject(className, doc) {
  const target = { isNullObject: true, load: () => typed };
  const typed = typedObject(className, target, doc.gate);
  return typed;
}

/**
 * The content controls `find` answers at sync, in document order (outer before inner), with
 * Word.ContentControlCollection's lookups.
 */
export function controlCollection(parent, unordered) {
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

/**
 * A collection (Word.RangeCollection, Word.ParagraphCollection, ...) of items found by
 * parent: given, or found by `items()` at the sync that loads them; `extra` adds its class's
 * own lookups.
 */
export function collection(className, parent, items, extra = {}) {
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

export function clientResult(ctx, value) {
  let synced = false;
  ctx.pending.push(() => (synced = true));
  return {
    get value() {
      if (!synced) throw new Error('PropertyNotLoaded: value');
      return value;
    },
  };
}
