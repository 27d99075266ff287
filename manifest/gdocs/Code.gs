/**
 * Penwise for Google Docs: the Apps Script half of the editor add-on.
 *
 * The sidebar (Sidebar.html, which loads the task pane from the Penwise server) calls these
 * functions through google.script.run. getSelection() returns the text with a map from its
 * offsets back to the document; the sidebar keeps the map and hands it back with every edit,
 * so an edit lands at the place it was read from even after earlier edits moved the text.
 *
 * Offsets are UTF-16 code units, as in JavaScript and in Apps Script's Text methods.
 * A map is {whole, segments: [{path, run, start, length, at}]}: `path` is the child indexes
 * from the body to a paragraph or list item (run: false) or to a text run inside one
 * (run: true), `start` and `length` the piece of that element's text that was read, `at`
 * where the piece starts in the text the sidebar holds. Paragraphs are joined with "\n".
 *
 * This file is a template: `addin-server export gdocs` renders it. Keep the logic in plain
 * functions; tests/pane/unit/code_gs.test.mjs runs it under Node with a stand-in DocumentApp,
 * and `make test` type-checks it, strict, against Google's @types/google-apps-script
 * (typecheck/apps-script.json).
 *
 * @typedef {GoogleAppsScript.Document.Element} Element
 * @typedef {GoogleAppsScript.Document.Text} Text
 * @typedef {GoogleAppsScript.Document.Body} Body
 * @typedef {Body | GoogleAppsScript.Document.Paragraph | GoogleAppsScript.Document.ListItem
 *   | GoogleAppsScript.Document.Table | GoogleAppsScript.Document.TableRow
 *   | GoogleAppsScript.Document.TableCell} Container  An element that holds others.
 *
 * @typedef {Object} Segment  One piece of the text read (see "A map is" above).
 * @property {number[]} path
 * @property {boolean} run
 * @property {number} start
 * @property {number} length
 * @property {number} at
 *
 * @typedef {Object} OffsetMap
 * @property {boolean} whole
 * @property {Segment[]} segments
 *
 * @typedef {Object} Piece  Editable text found while reading: [start, end) of the element at path.
 * @property {number[]} path
 * @property {boolean} run
 * @property {number} start
 * @property {number} end
 *
 * @typedef {Object} Change  One replacement in the text read, as the sidebar sends it.
 * @property {number} start
 * @property {number} end
 * @property {string} expected
 * @property {string} [replacement]
 *
 * @typedef {Object} EditResult
 * @property {boolean} ok
 * @property {string} [reason]
 * @property {OffsetMap} map
 *
 * @typedef {Object} Located  Where a change lands: segment `index`, [from, to) of its Text.
 * @property {number} index
 * @property {Text} text
 * @property {number} from
 * @property {number} to
 */

/** User property holding how many parts the settings JSON was split into. */
const SETTINGS_KEY = 'PENWISE_SETTINGS';
/** Characters per settings part: at most 3 UTF-8 bytes each stays under the 9 kB a value may hold. */
const SETTINGS_PART_CHARS = 2800;

/**
 * Add the Penwise menu with its Improve item (also runs on install).
 * @param {unknown} [e] The open or install event (unused).
 */
function onOpen(e) {
  DocumentApp.getUi().createAddonMenu().addItem('Improve', 'showSidebar').addToUi();
}

/**
 * Run onOpen right after the add-on is installed, so the menu shows without a reload.
 * @param {unknown} [e] The install event.
 */
function onInstall(e) {
  onOpen(e);
}

/**
 * Open the Penwise sidebar. HtmlService ignores <meta> tags written in the page, so the
 * viewport is set here (HtmlOutput.addMetaTag, which allows "viewport").
 */
function showSidebar() {
  const page = HtmlService.createHtmlOutputFromFile('Sidebar')
    .setTitle('Penwise')
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
  DocumentApp.getUi().showSidebar(page);
}

/** The Penwise server this project was exported for. */
const PENWISE_URL = '{{URL}}/';

/**
 * What the sidebar needs to start, asked through google.script.run: the server's URL, and
 * whether it reaches the server itself ('fetch') or through callPenwise ('apps-script', the
 * --server-side export, the only one that has callPenwise).
 */
function getSidebarConfig() {
  return { api: PENWISE_URL, transport: typeof callPenwise === 'function' ? 'apps-script' : 'fetch' };
}

/** Read the selection (or the whole document when nothing is selected) with its offset map. */
function getSelection() {
  const body = activeBody();
  const selection = DocumentApp.getActiveDocument().getSelection();
  let pieces = selection ? piecesOfRange(selection.getRangeElements()) : [];
  const whole = pieces.length === 0;
  if (whole) pieces = piecesOfElement(body, []);
  return readPieces(pieces, whole);
}

/**
 * Replace [start, end) of the text last read; refuse ({ok: false}) when `expected` is gone.
 * With a `mark`, the new text is marked as Penwise's (Authorship.gs).
 * @param {OffsetMap} map @param {number} start @param {number} end
 * @param {string} expected @param {string} replacement @param {Mark|null} [mark]
 * @returns {EditResult}
 */
function applyFix(map, start, end, expected, replacement, mark) {
  replacement = String(replacement);
  const body = activeBody();
  const found = locateChange(body, map, { start, end, expected });
  if (typeof found === 'string') return { ok: false, reason: found, map };
  replaceInText(found.text, found.from, found.to, replacement);
  markText(elementAt(body, map.segments[found.index].path), found.from, found.from + replacement.length, mark);
  return { ok: true, map: shiftMap(map, found.index, found.to, replacement.length - (end - start)) };
}

/**
 * Apply several changes (sorted, not overlapping) only if every one is still in place; with
 * a `mark`, each one's new words are marked as Penwise's.
 * @param {OffsetMap} map @param {Change[]} changes @param {Mark|null} [mark]
 * @returns {EditResult}
 */
function applyEdits(map, changes, mark) {
  const body = activeBody();
  /** @type {Array<{change: Change, found: Located}>} */
  const located = [];
  for (const change of changes) {
    const found = locateChange(body, map, change);
    if (typeof found === 'string') return { ok: false, reason: found, map };
    located.push({ change, found });
  }
  // From the last to the first, so the offsets of those still to apply do not move.
  located.sort((a, b) => b.change.start - a.change.start);
  let current = map;
  for (const { change, found } of located) {
    const replacement = String(change.replacement);
    replaceInText(found.text, found.from, found.to, replacement);
    markText(elementAt(body, map.segments[found.index].path), found.from, found.from + replacement.length, mark);
    const delta = replacement.length - (change.end - change.start);
    current = shiftMap(current, found.index, found.to, delta);
  }
  return { ok: true, map: current };
}

/**
 * Replace all the text the map covers with `text`, one line per paragraph (marked as
 * Penwise's with a `mark`).
 * @param {OffsetMap} map @param {string} text @param {Mark|null} [mark]
 * @returns {EditResult}
 */
function replaceSelection(map, text, mark) {
  const body = activeBody();
  const blocks = blocksOf(map);
  if (blocks.length === 0) return { ok: false, reason: 'unmapped', map };
  const lines = String(text).split('\n');
  /** @type {Segment[]} */
  const segments = [];
  let at = 0;
  // Paragraphs beyond the new text's lines are emptied, and removed when wholly selected;
  // backwards, so removing one does not move the paths of those still to visit.
  for (let b = blocks.length - 1; b >= lines.length; b--) {
    blocks[b].forEach((segment) => clearSegment(body, segment));
    removeIfEmptied(body, blocks[b]);
  }
  const kept = Math.min(blocks.length, lines.length);
  const last = blocks[kept - 1];
  let extra = lines.slice(kept);
  if (extra.length > 0 && !endsItsParagraph(body, last[last.length - 1])) {
    // The selection ends inside a paragraph: new paragraphs would land after its unselected
    // tail, so the extra lines join the last one instead.
    lines[kept - 1] = [lines[kept - 1]].concat(extra).join(' ');
    extra = [];
  }
  for (let b = 0; b < kept; b++) {
    const [first, ...rest] = blocks[b];
    rest.reverse().forEach((segment) => clearSegment(body, segment));
    const text = editableAt(body, first.path);
    if (!text) throw new Error('Penwise: the selection changed while it was being replaced.');
    replaceInText(text, first.start, first.start + first.length, lines[b]);
    markText(elementAt(body, first.path), first.start, first.start + lines[b].length, mark);
    segments.push({ path: first.path, run: first.run, start: first.start, length: lines[b].length, at });
    at += lines[b].length + 1;
  }
  const paragraph = blockPath(last[0]);
  extra.forEach((line, k) => {
    const path = paragraph.slice(0, -1).concat(paragraph[paragraph.length - 1] + 1 + k);
    markText(insertParagraphAt(body, path, line, elementAt(body, paragraph)), 0, line.length, mark);
    segments.push({ path, run: false, start: 0, length: line.length, at });
    at += line.length + 1;
  });
  return { ok: true, map: { whole: map.whole, segments } };
}

/**
 * Insert `text` as new paragraphs after the selection (at the end when the whole was read),
 * marked as Penwise's with a `mark`.
 * @param {OffsetMap} map @param {string} text @param {Mark|null} [mark]
 */
function insertBelow(map, text, mark) {
  const body = activeBody();
  const lines = String(text).split('\n');
  const segments = map && map.segments ? map.segments : [];
  if (map.whole || segments.length === 0) {
    lines.forEach((line) => markText(body.appendParagraph(line), 0, line.length, mark));
    return;
  }
  const paragraph = blockPath(segments[segments.length - 1]);
  lines.forEach((line, k) => {
    const path = paragraph.slice(0, -1).concat(paragraph[paragraph.length - 1] + 1 + k);
    markText(insertParagraphAt(body, path, line, null), 0, line.length, mark);
  });
}

/**
 * This user's saved settings ({} when none).
 * @returns {Record<string, unknown>}
 */
function loadSettings() {
  const props = PropertiesService.getUserProperties();
  const parts = Number(props.getProperty(SETTINGS_KEY) || 0);
  let json = '';
  for (let i = 0; i < parts; i++) json += props.getProperty(SETTINGS_KEY + '_' + i) || '';
  try {
    const value = JSON.parse(json || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch (error) {
    return {};
  }
}

/**
 * Save this user's settings, given as a JSON object text.
 * @param {string|object} json
 */
function saveSettings(json) {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  const value = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Penwise settings must be a JSON object.');
  }
  const props = PropertiesService.getUserProperties();
  const before = Number(props.getProperty(SETTINGS_KEY) || 0);
  /** @type {Record<string, string>} */
  const parts = {};
  let count = 0;
  for (let i = 0; i < text.length; i += SETTINGS_PART_CHARS) {
    parts[SETTINGS_KEY + '_' + count++] = text.slice(i, i + SETTINGS_PART_CHARS);
  }
  parts[SETTINGS_KEY] = String(count);
  props.setProperties(parts);
  for (let i = count; i < before; i++) props.deleteProperty(SETTINGS_KEY + '_' + i);
}

//{{#server-side}}
/**
 * Call the Penwise API from Google's servers with the script's API key; answer the response.
 * @param {string} path @param {string|object|null} payload @param {string|null} [accept]
 * @returns { {status: number, contentType: string, body: string} }
 */
function callPenwise(path, payload, accept) {
  // The sidebar may name the resource by its full URL or by its path below the server's.
  let relative = String(path);
  relative = relative.indexOf(PENWISE_URL) === 0 ? relative.slice(PENWISE_URL.length) : relative.replace(/^\/+/, '');
  // The key goes with every call, so the path may only name a resource on our server.
  if (!/^[A-Za-z0-9_\-./]*(\?[A-Za-z0-9_\-.~=&%+]*)?$/.test(relative) || relative.includes('..')) {
    throw new Error('Penwise: not an API path: ' + path);
  }
  const key = PropertiesService.getScriptProperties().getProperty('PENWISE_API_KEY');
  /** @type {GoogleAppsScript.URL_Fetch.HttpHeaders} */
  const headers = { Accept: accept === 'text/event-stream' ? accept : 'application/json' };
  if (key) headers.Authorization = 'Bearer ' + key;
  /** @type {GoogleAppsScript.URL_Fetch.URLFetchRequestOptions} */
  const options = { method: payload == null ? 'get' : 'post', muteHttpExceptions: true, headers };
  if (payload != null) {
    options.contentType = 'application/json';
    options.payload = typeof payload === 'string' ? payload : JSON.stringify(payload);
  }
  const response = UrlFetchApp.fetch(PENWISE_URL + relative, options);
  const answered = /** @type {Record<string, unknown>} */ (response.getHeaders());
  const type = Object.keys(answered).find((name) => name.toLowerCase() === 'content-type');
  return {
    status: response.getResponseCode(),
    contentType: type ? String(answered[type]) : '',
    body: response.getContentText(),
  };
}
//{{/server-side}}

// ---- Reading: range elements -> pieces -> text and map ----

/**
 * Turn the selection's range elements into pieces {element, start, end} of editable text.
 * @param {GoogleAppsScript.Document.RangeElement[]} rangeElements
 * @returns {Piece[]}
 */
function piecesOfRange(rangeElements) {
  /** @type {Piece[]} */
  const pieces = [];
  for (const rangeElement of rangeElements) {
    const element = rangeElement.getElement();
    if (rangeElement.isPartial()) {
      const path = pathOf(element);
      if (path) {
        const end = rangeElement.getEndOffsetInclusive() + 1;
        pieces.push({ path, run: true, start: rangeElement.getStartOffset(), end });
      }
    } else {
      const path = pathOf(element);
      if (path) pieces.push(...piecesOfElement(element, path));
    }
  }
  // A whole paragraph may come with its own text run as well; keep the paragraph only.
  return pieces.filter(
    (piece, i) => !pieces.some((other, j) => j !== i && !other.run && isInside(piece.path, other.path)),
  );
}

/**
 * The pieces of a whole element: itself if it holds text, else the paragraphs inside it.
 * @param {Element} element @param {number[]} path
 * @returns {Piece[]}
 */
function piecesOfElement(element, path) {
  const T = DocumentApp.ElementType;
  const type = element.getType();
  if (type === T.PARAGRAPH || type === T.LIST_ITEM || type === T.TEXT) {
    const length = textOf(element).getText().length;
    return [{ path, run: type === T.TEXT, start: 0, end: length }];
  }
  if (type === T.BODY_SECTION || type === T.TABLE || type === T.TABLE_ROW || type === T.TABLE_CELL) {
    const holder = container(element);
    /** @type {Piece[]} */
    const pieces = [];
    for (let i = 0; i < holder.getNumChildren(); i++) {
      pieces.push(...piecesOfElement(holder.getChild(i), path.concat(i)));
    }
    return pieces;
  }
  return []; // images, rules, page breaks, tables of contents: no text to check
}

/**
 * Join the pieces' text (paragraphs with "\n") and record where each piece went.
 * @param {Piece[]} pieces @param {boolean} whole
 * @returns { {text: string, whole: boolean, map: OffsetMap} }
 */
function readPieces(pieces, whole) {
  const body = activeBody();
  let text = '';
  /** @type {Segment[]} */
  const segments = [];
  /** @type {string|null} */
  let previous = null;
  for (const piece of pieces) {
    const segment = { path: piece.path, run: piece.run, start: piece.start, length: piece.end - piece.start, at: 0 };
    const block = blockPath(segment).join('.');
    if (previous !== null && block !== previous) text += '\n';
    previous = block;
    segment.at = text.length;
    const editable = editableAt(body, piece.path);
    text += editable ? editable.getText().slice(piece.start, piece.end) : '';
    segments.push(segment);
  }
  return { text, whole, map: { whole, segments } };
}

// ---- Editing ----

/**
 * Find where a change lands: {index, text, from, to}, or why it cannot be applied.
 * @param {Body} body @param {OffsetMap} map @param {Change} change
 * @returns {Located|string}
 */
function locateChange(body, map, change) {
  /** @type {Segment[]} */
  const segments = map && map.segments ? map.segments : [];
  const index = segments.findIndex(
    (segment) => segment.at <= change.start && change.end <= segment.at + segment.length,
  );
  if (index < 0) return 'unmapped'; // outside the text read, or across a paragraph break
  const segment = segments[index];
  const text = editableAt(body, segment.path);
  const from = segment.start + change.start - segment.at;
  const to = segment.start + change.end - segment.at;
  if (!text || text.getText().slice(from, to) !== String(change.expected)) return 'stale';
  return { index, text, from, to };
}

/**
 * Replace [from, to) of a Text with `replacement`, keeping the replaced words' formatting.
 * @param {Text} text @param {number} from @param {number} to @param {string} replacement
 */
function replaceInText(text, from, to, replacement) {
  if (to > from && replacement) {
    // Insert just after the first replaced character, so the new words take its formatting
    // (inserted text takes the formatting of the character before it), then remove the old.
    const first = codePointLength(text.getText(), from);
    text.insertText(from + first, replacement);
    text.deleteText(from, from + first - 1);
    const rest = to - from - first;
    if (rest > 0) text.deleteText(from + replacement.length, from + replacement.length + rest - 1);
  } else if (to > from) {
    text.deleteText(from, to - 1);
  } else if (replacement) {
    if (from === text.getText().length) text.appendText(replacement);
    else text.insertText(from, replacement);
  }
}

/**
 * The map after segment `index` grew by `delta` at element offset `to`: later text moves.
 * @param {OffsetMap} map @param {number} index @param {number} to @param {number} delta
 * @returns {OffsetMap}
 */
function shiftMap(map, index, to, delta) {
  const edited = map.segments[index];
  const segments = map.segments.map((segment, i) => {
    const moved = Object.assign({}, segment, { path: segment.path.slice() });
    if (i === index) moved.length += delta;
    if (i > index) moved.at += delta;
    if (i !== index && samePath(segment.path, edited.path) && segment.start >= to) moved.start += delta;
    return moved;
  });
  return { whole: map.whole, segments };
}

/**
 * Whether a segment reaches the end of its paragraph's text.
 * @param {Body} body @param {Segment} segment
 */
function endsItsParagraph(body, segment) {
  const paragraph = container(elementAt(body, blockPath(segment)));
  if (!segment.run) return segment.start + segment.length === paragraph.editAsText().getText().length;
  const isLastRun = segment.path[segment.path.length - 1] === paragraph.getNumChildren() - 1;
  const run = editableAt(body, segment.path);
  return isLastRun && run !== null && segment.start + segment.length === run.getText().length;
}

/**
 * Delete a segment's text.
 * @param {Body} body @param {Segment} segment
 */
function clearSegment(body, segment) {
  const text = editableAt(body, segment.path);
  if (text && segment.length > 0) text.deleteText(segment.start, segment.start + segment.length - 1);
}

/**
 * Remove a paragraph whose text was all selected and is now empty (never the body's last).
 * @param {Body} body @param {Segment[]} block
 */
function removeIfEmptied(body, block) {
  const element = elementAt(body, blockPath(block[0]));
  const wholly = block.every((segment) => segment.start === 0) && !block[0].run;
  if (!wholly || container(element).editAsText().getText().length > 0) return;
  try {
    element.removeFromParent();
  } catch (error) {
    // The last paragraph of a body or cell cannot be removed; leaving it empty is fine.
  }
}

/**
 * Insert a paragraph with `line` at `path` (like `model`, a paragraph or list item, if given).
 * @param {Body} body @param {number[]} path @param {string} line @param {Element|null} model
 */
function insertParagraphAt(body, path, line, model) {
  /** @type {ParagraphParent} */
  const parent = path.length > 1 ? elementAt(body, path.slice(0, -1)).asTableCell() : body;
  const index = path[path.length - 1];
  const atEnd = index >= parent.getNumChildren();
  if (model && model.getType() === DocumentApp.ElementType.LIST_ITEM) {
    const item = model.asListItem().copy();
    item.setText(line);
    return atEnd ? parent.appendListItem(item) : parent.insertListItem(index, item);
  }
  if (model) {
    const paragraph = model.asParagraph().copy();
    paragraph.setText(line);
    return atEnd ? parent.appendParagraph(paragraph) : parent.insertParagraph(index, paragraph);
  }
  return atEnd ? parent.appendParagraph(line) : parent.insertParagraph(index, line);
}

/**
 * What a body and a table cell, the two elements that hold paragraphs, both offer for adding one.
 * @typedef { {
 *   getNumChildren(): number,
 *   appendParagraph(paragraph: GoogleAppsScript.Document.Paragraph | string): GoogleAppsScript.Document.Paragraph,
 *   insertParagraph(index: number, paragraph: GoogleAppsScript.Document.Paragraph | string): GoogleAppsScript.Document.Paragraph,
 *   appendListItem(item: GoogleAppsScript.Document.ListItem): GoogleAppsScript.Document.ListItem,
 *   insertListItem(index: number, item: GoogleAppsScript.Document.ListItem): GoogleAppsScript.Document.ListItem,
 * } } ParagraphParent
 */

// ---- Paths and element helpers ----

/**
 * Consecutive segments grouped by the paragraph they belong to.
 * @param {OffsetMap} map
 * @returns {Segment[][]}
 */
function blocksOf(map) {
  /** @type {Segment[][]} */
  const blocks = [];
  /** @type {string|null} */
  let previous = null;
  for (const segment of map.segments) {
    const key = blockPath(segment).join('.');
    if (key !== previous) blocks.push([]);
    blocks[blocks.length - 1].push(segment);
    previous = key;
  }
  return blocks;
}

/**
 * The path of the paragraph (or list item) a segment belongs to.
 * @param { {path: number[], run: boolean} } segment
 */
function blockPath(segment) {
  return segment.run ? segment.path.slice(0, -1) : segment.path;
}

/**
 * The body the writer is looking at (the active tab's, in a document with tabs).
 * @returns {Body}
 */
function activeBody() {
  return activeTab().getBody();
}

/**
 * The tab the writer is looking at, or the document when it has no tabs.
 * @returns {GoogleAppsScript.Document.Document | GoogleAppsScript.Document.DocumentTab}
 */
function activeTab() {
  const doc = DocumentApp.getActiveDocument();
  const tab = doc.getActiveTab ? doc.getActiveTab() : null;
  return tab ? tab.asDocumentTab() : doc;
}

/**
 * Child indexes from the body down to `element`; null outside the body (header, footnote).
 * @param {Element} element
 * @returns {number[]|null}
 */
function pathOf(element) {
  /** @type {number[]} */
  const path = [];
  /** @type {Element} */
  let node = element;
  let parent = node.getParent();
  while (parent) {
    path.unshift(parent.getChildIndex(node));
    if (parent.getType() === DocumentApp.ElementType.BODY_SECTION) return path;
    node = parent;
    parent = node.getParent();
  }
  return null;
}

/**
 * The element at `path` below the body.
 * @param {Body} body @param {number[]} path
 * @returns {Element}
 */
function elementAt(body, path) {
  return path.reduce((node, index) => container(node).getChild(index), /** @type {Element} */ (body));
}

/**
 * The editable Text of the element at `path`, or null when the document no longer has it.
 * @param {Body} body @param {number[]} path
 * @returns {Text|null}
 */
function editableAt(body, path) {
  try {
    return textOf(elementAt(body, path));
  } catch (error) {
    return null;
  }
}

/**
 * The Text of a text run, or of a paragraph's (or other container's) whole text.
 * @param {Element} element
 * @returns {Text}
 */
function textOf(element) {
  return element.getType() === DocumentApp.ElementType.TEXT ? element.asText() : container(element).editAsText();
}

/**
 * The element cast to its own class, which carries the methods the generic Element lacks;
 * an element that holds no others (an image, a rule) is refused.
 * @param {Element} element
 * @returns {Container}
 */
function container(element) {
  const T = DocumentApp.ElementType;
  switch (element.getType()) {
    case T.PARAGRAPH:
      return element.asParagraph();
    case T.LIST_ITEM:
      return element.asListItem();
    case T.TABLE:
      return element.asTable();
    case T.TABLE_ROW:
      return element.asTableRow();
    case T.TABLE_CELL:
      return element.asTableCell();
    case T.BODY_SECTION:
      return element.asBody();
    default:
      throw new Error('Penwise: no text in a ' + element.getType());
  }
}

/**
 * Whether path `inner` lies below path `outer`.
 * @param {number[]} inner @param {number[]} outer
 */
function isInside(inner, outer) {
  return inner.length > outer.length && outer.every((index, i) => inner[i] === index);
}

/**
 * Whether two paths are the same.
 * @param {number[]} a @param {number[]} b
 */
function samePath(a, b) {
  return a.length === b.length && a.every((index, i) => b[i] === index);
}

/**
 * UTF-16 length of the code point at `offset` (2 for an emoji's surrogate pair).
 * @param {string} text @param {number} offset
 */
function codePointLength(text, offset) {
  const code = text.codePointAt(offset);
  return code !== undefined && code > 0xffff ? 2 : 1;
}
