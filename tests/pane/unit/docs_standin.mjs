// A stand-in for Apps Script's DocumentApp, and the add-on's Apps Script files (every
// manifest/gdocs/*.gs, in one global scope as in Apps Script) loaded in a fresh vm context
// around a document made of it: body, paragraphs, list items, a table, text runs with a bold
// flag per character, a selection of range elements that may be partial, a cursor, and named
// ranges over parts of text runs that follow the text as it is edited (text
// put inside one joins it; text put at its edges does not; a part whose text is all deleted
// leaves it).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import vm from 'node:vm';

const PROJECT = new URL('../../../manifest/gdocs/', import.meta.url);
/** The Apps Script project's script files, by name: every .gs file of the template folder. */
export const SCRIPTS = readdirSync(PROJECT)
  .filter((name) => name.endsWith('.gs'))
  .sort()
  .map((name) => ({ name, url: new URL(name, PROJECT) }));
export const SERVER = 'https://pw.example.org';
// ---- The stand-in for DocumentApp ----

export const T = {
  TEXT: 'TEXT',
  PARAGRAPH: 'PARAGRAPH',
  LIST_ITEM: 'LIST_ITEM',
  TABLE: 'TABLE',
  TABLE_ROW: 'TABLE_ROW',
  TABLE_CELL: 'TABLE_CELL',
  BODY_SECTION: 'BODY_SECTION',
};

class FakeElement {
  constructor(type) {
    this.type = type;
    this.parent = null;
  }
  getType() {
    return this.type;
  }
  getParent() {
    return this.parent;
  }
  as(type) {
    assert.equal(this.type, type, `as${type} called on a ${this.type}`);
    return this;
  }
  asText() { return this.as(T.TEXT); }
  asParagraph() { return this.as(T.PARAGRAPH); }
  asListItem() { return this.as(T.LIST_ITEM); }
  asTable() { return this.as(T.TABLE); }
  asTableRow() { return this.as(T.TABLE_ROW); }
  asTableCell() { return this.as(T.TABLE_CELL); }
  asBody() { return this.as(T.BODY_SECTION); }
  removeFromParent() {
    const siblings = this.parent.children;
    if (siblings.length === 1) throw new Error('Can\'t remove the last paragraph in a document section.');
    siblings.splice(siblings.indexOf(this), 1);
    this.parent = null;
    return this;
  }
}

/** A text run; `bold` holds one flag per UTF-16 unit. Inserted text takes the flag before it. */
class FakeText extends FakeElement {
  constructor(text, bold = false) {
    super(T.TEXT);
    this.text = text;
    this.bold = Array(text.length).fill(bold);
    /** Parts of named ranges on this run: {start, end}, half-open, moved by every edit. */
    this.anchors = new Set();
  }
  getText() { return this.text; }
  editAsText() { return this; }
  insertText(offset, text) {
    if (offset < 0 || offset > this.text.length) throw new Error(`insertText: offset ${offset} out of range`);
    const flag = offset > 0 ? this.bold[offset - 1] : (this.bold[0] ?? false);
    this.text = this.text.slice(0, offset) + text + this.text.slice(offset);
    this.bold.splice(offset, 0, ...Array(text.length).fill(flag));
    for (const anchor of this.anchors) {
      if (offset <= anchor.start) {
        anchor.start += text.length;
        anchor.end += text.length;
      } else if (offset < anchor.end) {
        anchor.end += text.length;
      }
    }
    return this;
  }
  appendText(text) { return this.insertText(this.text.length, text); }
  deleteText(start, endInclusive) {
    if (start < 0 || endInclusive < start || endInclusive >= this.text.length) {
      throw new Error(`deleteText: ${start}..${endInclusive} out of range for ${this.text.length}`);
    }
    this.text = this.text.slice(0, start) + this.text.slice(endInclusive + 1);
    this.bold.splice(start, endInclusive - start + 1);
    const end = endInclusive + 1;
    const moved = (at) => (at <= start ? at : at >= end ? at - (end - start) : start);
    for (const anchor of this.anchors) {
      anchor.start = moved(anchor.start);
      anchor.end = moved(anchor.end);
      if (anchor.end <= anchor.start) this.anchors.delete(anchor);
    }
    return this;
  }
  copy() { const c = new FakeText(this.text); c.bold = this.bold.slice(); return c; }
}

class FakeContainer extends FakeElement {
  constructor(type, children = []) {
    super(type);
    this.children = [];
    children.forEach((child) => this.adopt(child, this.children.length));
  }
  adopt(child, index) {
    child.parent = this;
    this.children.splice(index, 0, child);
    return child;
  }
  getChild(index) {
    if (!(index >= 0 && index < this.children.length)) throw new Error(`getChild(${index}) out of range`);
    return this.children[index];
  }
  getNumChildren() { return this.children.length; }
  getChildIndex(child) {
    const index = this.children.indexOf(child);
    if (index < 0) throw new Error('Element is not a child of this element');
    return index;
  }
}

/** A paragraph or list item: its editAsText() spans its runs, as Apps Script's does. */
class FakeParagraph extends FakeContainer {
  getText() { return this.children.map((run) => run.getText()).join(''); }
  setText(text) {
    this.children.forEach((child) => (child.parent = null));
    this.children = [];
    this.adopt(new FakeText(text), 0);
    return this;
  }
  copy() { return new FakeParagraph(this.type, this.children.map((run) => run.copy())); }
  editAsText() {
    const paragraph = this;
    const runAt = (offset, forInsert) => {
      let start = 0;
      for (const run of paragraph.children) {
        const end = start + run.text.length;
        if (offset < end || (forInsert && offset === end)) return { run, local: offset - start };
        start = end;
      }
      throw new Error(`offset ${offset} out of range`);
    };
    return {
      getText: () => paragraph.getText(),
      insertText(offset, text) {
        if (paragraph.children.length === 0) paragraph.adopt(new FakeText(''), 0);
        const { run, local } = runAt(offset, true);
        run.insertText(local, text);
        return this;
      },
      appendText(text) { return this.insertText(paragraph.getText().length, text); },
      deleteText(start, endInclusive) {
        if (endInclusive >= paragraph.getText().length || start < 0 || endInclusive < start) {
          throw new Error(`deleteText: ${start}..${endInclusive} out of range`);
        }
        let runStart = 0;
        for (const run of paragraph.children.slice()) {
          const runEnd = runStart + run.text.length;
          const from = Math.max(start, runStart);
          const to = Math.min(endInclusive + 1, runEnd);
          if (from < to) run.deleteText(from - runStart, to - runStart - 1);
          runStart = runEnd; // offsets stay those before this call
        }
        return this;
      },
    };
  }
}

/** The body or a table cell: holds paragraphs and can insert more. */
class FakeSection extends FakeContainer {
  insertParagraph(index, content) {
    return this.adopt(typeof content === 'string' ? para(content) : content, index);
  }
  appendParagraph(content) { return this.insertParagraph(this.children.length, content); }
  insertListItem(index, item) { return this.adopt(item, index); }
  appendListItem(item) { return this.adopt(item, this.children.length); }
  getText() { return this.children.map((child) => child.getText()).join('\n'); }
}

export const text = (value, bold = false) => new FakeText(value, bold);
export const para = (...runs) => new FakeParagraph(T.PARAGRAPH, runs.map((r) => (typeof r === 'string' ? text(r) : r)));
export const item = (value) => new FakeParagraph(T.LIST_ITEM, [text(value)]);
export const cell = (...children) => new FakeSection(T.TABLE_CELL, children);
export const row = (...cells) => new FakeContainer(T.TABLE_ROW, cells);
export const table = (...rows) => Object.assign(new FakeContainer(T.TABLE, rows), { getText: () => '' });
export const body = (...children) => new FakeSection(T.BODY_SECTION, children);

/** A range element: whole, or partial from `start` to `endInclusive` of a Text. */
export function whole(element) {
  return { getElement: () => element, isPartial: () => false, getStartOffset: () => -1, getEndOffsetInclusive: () => -1 };
}
export function partial(textRun, start, endInclusive) {
  return {
    getElement: () => textRun,
    isPartial: () => true,
    getStartOffset: () => start,
    getEndOffsetInclusive: () => endInclusive,
  };
}

/**
 * Load the Apps Script files into a fresh context around the document `docBody`,
 * with `selected` range elements; `extra.cursor()` answers the element holding the cursor,
 * `extra.tabs` makes a document with tabs (see `doc` below).
 */
export function load(docBody, selected = null, extra = {}) {
  const ui = { menus: [], sidebars: [] };
  /**
   * What the writer selected (range elements), the named ranges of the document, and with
   * `extra.tabs` (bodies, the first being `docBody`) its tabs, each with its own named ranges,
   * `doc.active` the one the writer looks at. `doc.refuse`: Docs refuses new named ranges.
   */
  const doc = { selected, selection: null, named: [], made: 0, refuse: false, active: 0, tabs: null };
  /** What a document (without tabs) and a DocumentTab both offer: a body and its named ranges. */
  const holder = (holderBody, named) => ({
    getBody: () => holderBody,
    newRange: () => rangeBuilder(),
    addNamedRange(name, range) {
      assert.ok(name.length >= 1 && name.length <= 256, 'a named range needs a name of 1 to 256 characters');
      if (doc.refuse) throw new Error('Exception: Service Documents failed while accessing document.');
      const made = {
        id: `kix.${(doc.made += 1)}`,
        name,
        range,
        getId: () => made.id,
        getName: () => made.name,
        getRange: () => range,
        remove: () => {
          named.splice(named.indexOf(made), 1);
          range.parts.forEach(({ run, anchor }) => run.anchors.delete(anchor));
        },
      };
      named.push(made);
      return made;
    },
    getNamedRanges: (name) => named.filter((one) => name == null || one.name === name),
    getNamedRangeById: (id) => named.find((one) => one.id === id) ?? null,
  });
  if (extra.tabs) doc.tabs = extra.tabs.map((tabBody, i) => ({ body: tabBody, named: i === 0 ? doc.named : [] }));
  const DocumentApp = {
    ElementType: T,
    getActiveDocument: () => ({
      ...holder(docBody, doc.named),
      ...(doc.tabs
        ? { getActiveTab: () => ({ asDocumentTab: () => holder(doc.tabs[doc.active].body, doc.tabs[doc.active].named) }) }
        : {}),
      getSelection: () => (doc.selected ? { getRangeElements: () => doc.selected } : null),
      getCursor: () => {
        const element = extra.cursor?.();
        return element ? { getElement: () => element } : null;
      },
      setSelection(range) {
        doc.selection = range;
        return this;
      },
    }),
    getUi: () => ({
      createAddonMenu: () => {
        const menu = { items: [], addItem(label, fn) { this.items.push([label, fn]); return this; }, addToUi() { ui.menus.push(this.items); } };
        return menu;
      },
      showSidebar: (page) => ui.sidebars.push(page),
    }),
  };
  const HtmlService = {
    createHtmlOutputFromFile: (file) => ({
      file,
      title: null,
      metaTags: [],
      setTitle(title) { this.title = title; return this; },
      addMetaTag(name, content) { this.metaTags.push([name, content]); return this; },
    }),
  };
  const store = () => {
    const values = new Map();
    return {
      values,
      getProperty: (key) => (values.has(key) ? values.get(key) : null),
      setProperties: (object) => Object.entries(object).forEach(([k, v]) => values.set(k, String(v))),
      setProperty: (key, value) => values.set(key, String(value)),
      deleteProperty: (key) => values.delete(key),
    };
  };
  const user = store();
  const script = store();
  const documentProperties = store();
  const PropertiesService = {
    getUserProperties: () => user,
    getScriptProperties: () => script,
    getDocumentProperties: () => documentProperties,
  };
  let uuids = 0;
  const Utilities = { getUuid: () => `00000000-0000-4000-8000-${String((uuids += 1)).padStart(12, '0')}` };
  /** What the scripts wrote to Apps Script's log (its console), one line per call. */
  const logged = [];
  const log = (...parts) => logged.push(parts.map(String).join(' '));
  const console = { log, info: log, warn: log, error: log };
  const { cursor, tabs, ...globals } = extra;
  const context = vm.createContext({ DocumentApp, HtmlService, PropertiesService, Utilities, console, ...globals });
  for (const { name, url } of SCRIPTS) {
    vm.runInContext(readFileSync(url, 'utf8').replaceAll('{{URL}}', SERVER), context, { filename: name });
  }
  // Every argument and answer goes through JSON, as through google.script.run.
  const call = (name, ...args) => {
    const answer = context[name](...JSON.parse(JSON.stringify(args)));
    return answer === undefined ? undefined : JSON.parse(JSON.stringify(answer));
  };
  return { call, ui, user, script, context, doc, documentProperties, logged };
}

/**
 * DocumentApp's RangeBuilder: partial Text elements only (what Authorship.gs adds); the Range
 * it builds lists the parts whose text is still there, where they are now.
 */
function rangeBuilder() {
  const parts = [];
  const builder = {
    addElement(element, start, endInclusive) {
      assert.ok(element instanceof FakeText, 'a partial range element must be a Text element');
      assert.ok(0 <= start && start <= endInclusive && endInclusive < element.text.length, `offsets ${start}..${endInclusive} out of range`);
      const anchor = { start, end: endInclusive + 1 };
      element.anchors.add(anchor);
      parts.push({ run: element, anchor });
      return builder;
    },
    build: () => ({
      parts,
      getRangeElements: () =>
        parts
          .filter(({ run, anchor }) => run.anchors.has(anchor))
          .map(({ run, anchor }) => partial(run, anchor.start, anchor.end - 1)),
    }),
  };
  return builder;
}

/** The text of every named range whose name starts with `prefix`, by name. */
export function namedTexts(doc, prefix = 'penwise-') {
  return doc.named
    .filter((named) => named.name.startsWith(prefix))
    .map((named) =>
      named.range
        .getRangeElements()
        .map((part) => part.getElement().getText().slice(part.getStartOffset(), part.getEndOffsetInclusive() + 1))
        .join(''),
    );
}

