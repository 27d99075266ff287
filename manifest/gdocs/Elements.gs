/**
 * Penwise for Google Docs: paths from the body to an element, and the element helpers the
 * other files use. Part of the Apps Script project: see Code.gs.
 *
 * @typedef {GoogleAppsScript.Document.Element} Element
 * @typedef {GoogleAppsScript.Document.Text} Text
 * @typedef {GoogleAppsScript.Document.Body} Body
 * @typedef {Body | GoogleAppsScript.Document.Paragraph | GoogleAppsScript.Document.ListItem
 *   | GoogleAppsScript.Document.Table | GoogleAppsScript.Document.TableRow
 *   | GoogleAppsScript.Document.TableCell} Container  An element that holds others.
 */

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
