// @ts-check
/**
 * A mail body as the pane reads it: its text, and where each character of that text lives in
 * the body (a text node of the HTML, or a place in the plain text), so that a fix changes
 * only the characters it names and every tag around them stays as it was.
 *
 * The text is what a reader sees: HTML whitespace collapsed, "\n" between blocks and at <br>,
 * no-break spaces as spaces, nothing from <head>, <style> or comments. Offsets are UTF-16.
 */
import './outlook_quoted.js';

const quoted = /** @type {Quoted} */ (/** @type {{PenwiseQuoted?: Quoted}} */ (globalThis).PenwiseQuoted);

const BLOCKS = new Set(
  ('address article aside blockquote center dd div dl dt fieldset figcaption figure footer form h1 h2 h3 ' +
    'h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul').split(' '),
);
const SKIPPED = new Set(['head', 'style', 'script', 'template', 'title', 'xml']);
/** Elements mail programs put around the message being answered or forwarded. */
const QUOTE_MARKERS = ['#appendonsend', '#divRplyFwdMsg', '#mail-editor-reference-message-container', '.gmail_quote', 'blockquote[type="cite"]'];

/**
 * @typedef {{data: string}} Holder  A text node, or the plain body standing in for one.
 * @typedef {Object} Piece  A run of the text that comes from one holder, or a line break.
 * @property {number} start  Offset of the run in the text.
 * @property {number} end
 * @property {Holder|null} holder  Null for a line break between blocks or at <br>.
 * @property {number[]} at   For each character of the run, its index in holder.data.
 *
 * @typedef {Object} Body
 * @property {'html'|'text'} kind
 * @property {string} text
 * @property {Piece[]} pieces
 * @property {number} quoteAt  Where the quoted thread starts in `text` (text.length when none).
 * @property {Document|null} doc   The parsed HTML (kind 'html').
 * @property {Holder|null} plain   The plain text (kind 'text').
 */

/** HTML's white space, which a browser shows as one space (outside <pre>). */
const WHITE_SPACE = new Set([' ', '\t', '\n', '\r', '\f']);

/**
 * Read an HTML body.
 * @param {string} html
 * @param {typeof DOMParser} [Parser]
 * @returns {Body}
 */
export function htmlBody(html, Parser = globalThis.DOMParser) {
  const doc = new Parser().parseFromString(html, 'text/html');
  return mapHtml(doc);
}

/** @param {Document} doc @returns {Body} */
function mapHtml(doc) {
  /** @type {Piece[]} */
  const pieces = [];
  let text = '';
  let markerAt = Infinity;
  const markers = new Set(QUOTE_MARKERS.flatMap((selector) => [...doc.querySelectorAll(selector)]));

  const breakLine = () => {
    if (text === '' || text.endsWith('\n')) return;
    pieces.push({ start: text.length, end: text.length + 1, holder: null, at: [] });
    text += '\n';
  };

  /** @param {Node} node @param {boolean} pre */
  const walk = (node, pre) => {
    if (node.nodeType === 3) {
      const holder = /** @type {Holder} */ (/** @type {unknown} */ (node));
      const at = [];
      /** @type {string[]} */
      const kept = [];
      // The last character so far, kept aside: reading it back from a string built one
      // character at a time flattens that string every time (a 1 MB body took minutes).
      let last = text[text.length - 1];
      const data = holder.data;
      for (let i = 0; i < data.length; i++) {
        const ch = data[i];
        if (!pre && WHITE_SPACE.has(ch)) {
          if (last === undefined || last === ' ' || last === '\n') continue;
          last = ' ';
        } else {
          last = ch === '\u00a0' ? ' ' : ch === '\r' ? '\n' : ch;
        }
        kept.push(last);
        at.push(i);
      }
      const run = kept.join('');
      if (run) {
        pieces.push({ start: text.length, end: text.length + run.length, holder, at });
        text += run;
      }
      return;
    }
    if (node.nodeType !== 1) return;
    const element = /** @type {Element} */ (node);
    const name = element.tagName.toLowerCase();
    if (SKIPPED.has(name)) return;
    if (markers.has(element)) markerAt = Math.min(markerAt, text.length);
    if (name === 'br') {
      pieces.push({ start: text.length, end: text.length + 1, holder: null, at: [] });
      text += '\n';
      return;
    }
    const block = BLOCKS.has(name);
    if (block) breakLine();
    for (const child of [...element.childNodes]) walk(child, pre || name === 'pre');
    if (block) breakLine();
  };
  walk(doc.body ?? doc.documentElement, false);
  return { kind: 'html', text, pieces, quoteAt: Math.min(markerAt, quoted.quotedStart(text)), doc, plain: null };
}

/**
 * Read a plain-text body ("\r\n" or "\n" line ends).
 * @param {string} raw
 * @returns {Body}
 */
export function plainBody(raw) {
  const plain = { data: raw };
  return mapPlain(plain);
}

/** @param {Holder} plain @returns {Body} */
function mapPlain(plain) {
  const raw = plain.data;
  const at = [];
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\r' && raw[i + 1] === '\n') continue;
    text += raw[i] === '\r' ? '\n' : raw[i];
    at.push(i);
  }
  const pieces = text ? [{ start: 0, end: text.length, holder: plain, at }] : [];
  return { kind: 'text', text, pieces, quoteAt: quoted.quotedStart(text), doc: null, plain };
}

/**
 * Replace [start, end) of the body's text with `replacement`, in the holders the range covers.
 * False, changing nothing, when the range crosses a line break (a change there would have to
 * merge or split blocks).
 * @param {Body} body
 * @param {number} start @param {number} end @param {string} replacement
 * @returns {boolean}
 */
export function replaceText(body, start, end, replacement) {
  if (!canReplace(body, start, end)) return false;
  const covered = body.pieces.filter((piece) => piece.start < end && piece.end > start);
  if (!covered.length) {
    const { holder, index } = /** @type {{holder: Holder, index: number}} */ (insertionPoint(body, start));
    holder.data = holder.data.slice(0, index) + replacement + holder.data.slice(index);
    return true;
  }
  covered.forEach((piece, k) => {
    const holder = /** @type {Holder} */ (piece.holder);
    const from = piece.at[Math.max(start - piece.start, 0)];
    const to = piece.at[Math.min(end, piece.end) - piece.start - 1] + 1;
    holder.data = holder.data.slice(0, from) + (k === 0 ? replacement : '') + holder.data.slice(to);
  });
  return true;
}

/**
 * Whether replaceText can change [start, end): the range crosses no line break, and an
 * insertion has text beside it.
 * @param {Body} body @param {number} start @param {number} end
 */
export function canReplace(body, start, end) {
  const covered = body.pieces.filter((piece) => piece.start < end && piece.end > start);
  if (covered.some((piece) => !piece.holder)) return false;
  return covered.length > 0 || insertionPoint(body, start) !== null;
}

/**
 * Where text inserted at `offset` goes: the end of the run before it (so it takes that run's
 * formatting), else the start of the run after it.
 * @param {Body} body @param {number} offset
 * @returns {{holder: Holder, index: number}|null}
 */
function insertionPoint(body, offset) {
  const before = body.pieces.find((piece) => piece.holder && piece.start < offset && offset <= piece.end);
  if (before) {
    const k = offset - before.start;
    return { holder: /** @type {Holder} */ (before.holder), index: k < before.at.length ? before.at[k] : before.at[k - 1] + 1 };
  }
  const after = body.pieces.find((piece) => piece.holder && piece.start === offset);
  return after ? { holder: /** @type {Holder} */ (after.holder), index: after.at[0] } : null;
}

/**
 * Replace [start, end) whatever it crosses: the text goes where the range starts, line breaks
 * inside it become <br> (HTML) or line ends; the rest of the range is emptied.
 * @param {Body} body @param {number} start @param {number} end @param {string} replacement
 */
export function replaceAcross(body, start, end, replacement) {
  const within = body.pieces.filter((piece) => piece.holder && piece.start < end && piece.end > start);
  if (!within.length) throw new Error('Penwise could not find where to put the rewrite.');
  const [first, ...rest] = within;
  for (const piece of rest.reverse()) replaceText(body, Math.max(piece.start, start), Math.min(piece.end, end), '');
  const from = Math.max(first.start, start);
  if (!body.doc) {
    const lineEnd = /\r\n/.test(/** @type {Holder} */ (body.plain).data) ? '\r\n' : '\n';
    replaceText(body, from, Math.min(first.end, end), replacement.replace(/\n/g, lineEnd));
    return;
  }
  replaceText(body, from, Math.min(first.end, end), '');
  const doc = body.doc;
  // Split the first text node where the range starts and put the lines between its halves.
  const head = /** @type {Text} */ (/** @type {unknown} */ (first.holder));
  const cut = first.at[from - first.start];
  const tail = doc.createTextNode(head.data.slice(cut));
  head.data = head.data.slice(0, cut);
  head.after(tail);
  replacement.split('\n').forEach((line, i) => {
    if (i > 0) tail.before(doc.createElement('br'));
    tail.before(doc.createTextNode(line));
  });
}

/**
 * Add `text` as new lines below the line that holds `offset`.
 * @param {Body} body @param {number} offset @param {string} text
 */
export function insertLinesAfter(body, offset, text) {
  const lines = text.split('\n');
  if (body.plain) {
    const raw = body.plain.data;
    const lineEnd = /\r\n/.test(raw) ? '\r\n' : '\n';
    const piece = body.pieces[0];
    const index = piece ? sourceIndexAt(piece, offset) : 0;
    const next = raw.indexOf('\n', index);
    const at = next === -1 ? raw.length : next + 1;
    const glue = next === -1 && raw ? lineEnd : '';
    body.plain.data = raw.slice(0, at) + glue + lines.join(lineEnd) + lineEnd + raw.slice(at);
    return;
  }
  const doc = /** @type {Document} */ (body.doc);
  const piece = [...body.pieces].reverse().find((candidate) => candidate.holder && candidate.start < Math.max(offset, 1));
  let anchor = /** @type {Node|null} */ (/** @type {unknown} */ (piece?.holder ?? null));
  while (anchor && anchor.parentNode && anchor.parentNode !== doc.body && !isBlock(anchor)) anchor = anchor.parentNode;
  const blocks = lines.map((line) => {
    const div = doc.createElement('div');
    if (line) div.textContent = line;
    else div.append(doc.createElement('br'));
    return div;
  });
  if (anchor && anchor.parentNode) /** @type {ChildNode} */ (anchor).after(...blocks);
  else (doc.body ?? doc.documentElement).prepend(...blocks);
}

/** @param {Piece} piece @param {number} offset */
function sourceIndexAt(piece, offset) {
  const k = Math.min(Math.max(offset - piece.start, 0), piece.at.length);
  return k < piece.at.length ? piece.at[k] : piece.at[k - 1] + 1;
}

/** @param {Node} node */
function isBlock(node) {
  return node.nodeType === 1 && BLOCKS.has(/** @type {Element} */ (node).tagName.toLowerCase());
}

/**
 * The body to write back: the whole HTML document, or the plain text.
 * @param {Body} body
 * @returns {string}
 */
export function serialise(body) {
  if (body.plain) return body.plain.data;
  const doc = /** @type {Document} */ (body.doc);
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>` : '';
  return doctype + doc.documentElement.outerHTML;
}

/**
 * Find `wanted` in `text`, ignoring how whitespace is spelled (Outlook and the pane render
 * line breaks and no-break spaces differently): every match as [start, end).
 * @param {string} text @param {string} wanted
 * @returns {Array<[number, number]>}
 */
export function findLoosely(text, wanted) {
  const words = wanted.replace(/\u00a0/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const pattern = new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  return [...text.matchAll(pattern)].map((match) => [/** @type {number} */ (match.index), /** @type {number} */ (match.index) + match[0].length]);
}
