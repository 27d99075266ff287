/**
 * Penwise for Google Docs: the task pane's edits, each placed through the map of the text it
 * read (Reading.gs), keeping the formatting of the words around it, and marked as Penwise's
 * when the task pane says so (Authorship.gs). Part of the Apps Script project: see Code.gs.
 *
 * @typedef {Object} Change  One replacement in the text read, as the task pane sends it.
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
