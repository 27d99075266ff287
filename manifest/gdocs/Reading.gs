/**
 * Penwise for Google Docs: reading the selection. Part of the Apps Script project: see Code.gs.
 *
 * getSelection() returns the text with a map from its offsets back to the document; the
 * task pane keeps the map and hands it back with every edit (Editing.gs), so an edit lands at
 * the place it was read from even after earlier edits moved the text.
 *
 * Offsets are UTF-16 code units, as in JavaScript and in Apps Script's Text methods.
 * A map is {whole, segments: [{path, run, start, length, at}]}: `path` is the child indexes
 * from the body to a paragraph or list item (run: false) or to a text run inside one
 * (run: true), `start` and `length` the piece of that element's text that was read, `at`
 * where the piece starts in the text the task pane holds. Paragraphs are joined with "\n".
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
 */

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
