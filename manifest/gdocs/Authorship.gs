/**
 * Penwise for Google Docs, who wrote what: the Apps Script half.
 *
 * Each passage Penwise wrote is a named range of the document, named "penwise-ai-<id>" for a
 * model's text and "penwise-edited-<id>" for the local engine's (a spelling fix, a local tone
 * transform). Named ranges live in the document and follow its text as the writer edits it.
 * Each passage's record (engine, model, operation, tone, when, how many characters) is a
 * document property named after its range; a copy of the document keeps the ranges, and
 * then the report knows their kind without their details.
 *
 * Editing.gs's edits call markText on the text they put in; the task pane reads the marks with
 * readAuthorship, selects one with selectPassage and removes them all with removeMarks. This
 * file uses the helpers of Elements.gs and Reading.gs (activeTab, activeBody, elementAt,
 * pathOf, blockPath, piecesOfRange): an Apps Script project's files share one global scope.
 *
 * @typedef {Object} Mark  A passage's record, as the task pane sends it.
 * @property {string} kind  'model' or 'edited'.
 * @property {number} [chars]
 *
 * @typedef {Object} Passage  A marked passage, as the Authorship view reads it.
 * @property {string} id
 * @property {Object} mark
 * @property {string} text  What is still inside its range (within the scope read).
 * @property {string[]} pieces  The same, in the pieces a passage inside it left.
 *
 * @typedef {Object} Reading
 * @property {string} scope  'document' or 'selection'.
 * @property {number} total  Characters (code points) in the scope.
 * @property {Passage[]} passages
 *
 * @typedef {Object} Stretch  [from, to) of one paragraph's text, by the paragraph's path.
 * @property {string} block
 * @property {number} from
 * @property {number} to
 */

/** Named ranges of the passages Penwise wrote: this prefix, then the kind, then an id. */
const MARK_PREFIX = 'penwise-';
/** The name part of each kind. */
const MARK_NAMES = { model: 'ai', edited: 'edited' };
/** Document properties holding the records: this prefix, then the range's name. */
const MARK_RECORD = 'penwise.mark.';

/**
 * Mark [from, to) of an element's text (a paragraph's, a list item's or one run's) as text
 * Penwise wrote; nothing when no mark was given. The edit stands whatever becomes of its
 * mark: text left unmarked is counted as not recorded, never as Penwise's.
 * @param {Element} element @param {number} from @param {number} to @param {Mark|null|undefined} mark
 */
function markText(element, from, to, mark) {
  const kind = mark && (mark.kind === 'model' || mark.kind === 'edited') ? mark.kind : null;
  if (!mark || !kind || to <= from) return;
  try {
    addMark(element, from, to, mark, kind);
  } catch (error) {
    console.warn('Penwise could not mark a passage: ' + String(error && /** @type {Error} */ (error).name));
  }
}

/**
 * A named range over [from, to) of an element's runs, and its record.
 * @param {Element} element @param {number} from @param {number} to @param {Mark} mark @param {'model'|'edited'} kind
 */
function addMark(element, from, to, mark, kind) {
  const tab = activeTab();
  const builder = tab.newRange();
  let marked = '';
  runsOf(element).forEach((run) => {
    const start = Math.max(from, run.at);
    const end = Math.min(to, run.at + run.text.getText().length);
    if (start >= end) return;
    builder.addElement(run.text, start - run.at, end - run.at - 1);
    marked += run.text.getText().slice(start - run.at, end - run.at);
  });
  if (!marked) return;
  const name = MARK_PREFIX + MARK_NAMES[kind] + '-' + Utilities.getUuid();
  tab.addNamedRange(name, builder.build());
  const record = Object.assign({}, mark, { chars: Array.from(marked).length });
  PropertiesService.getDocumentProperties().setProperty(MARK_RECORD + name, JSON.stringify(record));
}

/**
 * The marks in the selection, or in the whole document when nothing is selected.
 * @returns {Reading}
 */
function readAuthorship() {
  const body = activeBody();
  const selection = DocumentApp.getActiveDocument().getSelection();
  const chosen = selection ? piecesOfRange(selection.getRangeElements()) : [];
  const read = getSelection();
  /** @type {Stretch[]|null} */
  const scope = chosen.length ? chosen.map((piece) => stretchOf(body, piece.path, piece.run, piece.start, piece.end)) : null;
  const records = PropertiesService.getDocumentProperties();
  const marks = ourRanges().map((range) => ({
    name: range.getName(),
    kind: range.getName().indexOf(MARK_PREFIX + MARK_NAMES.model + '-') === 0 ? 'model' : 'edited',
    stretches: range
      .getRange()
      .getRangeElements()
      .flatMap((part) => {
        const stretch = stretchOfPart(part);
        return stretch ? [stretch] : [];
      }),
  }));
  marks.sort((a, b) => before(a.stretches[0], b.stretches[0]));
  // A passage inside another (a fix in a model's text) counts once, as the inner one.
  /** @type {Passage[]} */
  const passages = [];
  marks.forEach((mark, index) => {
    const inner = marks
      .filter((other, at) => other !== mark && inside(other.stretches, mark.stretches) && (at > index || !inside(mark.stretches, other.stretches)))
      .flatMap((other) => other.stretches);
    // Its text, and the pieces it is in where a passage inside it cut it (the next paragraph
    // goes on the same piece, on a new line).
    let text = '';
    /** @type {string[]} */
    const pieces = [];
    /** @type {Stretch|null} */
    let last = null;
    mark.stretches.forEach((stretch) => {
      within(stretch, scope).forEach((part) => {
        without(part, inner).forEach((kept) => {
          const words = blockText(body, kept.block).slice(kept.from, kept.to);
          const joined = last && (last.block !== kept.block ? '\n' : last.to === kept.from ? '' : null);
          if (joined === null || !pieces.length) pieces.push(words);
          else pieces[pieces.length - 1] += joined + words;
          text += words;
          last = kept;
        });
      });
    });
    if (text) passages.push({ id: mark.name, mark: recordOf(records.getProperty(MARK_RECORD + mark.name), mark.kind), text, pieces });
  });
  return { scope: scope ? 'selection' : 'document', total: Array.from(read.text).length, passages };
}

/**
 * Select a passage's text in the document; false when it is gone.
 * @param {string} id
 * @returns {boolean}
 */
function selectPassage(id) {
  const found = ourRanges().filter((range) => range.getName() === String(id));
  if (!found.length) return false;
  DocumentApp.getActiveDocument().setSelection(found[0].getRange());
  return true;
}

/** Remove every mark Penwise made, and their records; the text stays as it is. */
function removeMarks() {
  const records = PropertiesService.getDocumentProperties();
  ourRanges().forEach((range) => {
    records.deleteProperty(MARK_RECORD + range.getName());
    range.remove();
  });
}

// ---- Helpers ----

/** @returns {GoogleAppsScript.Document.NamedRange[]} the named ranges Penwise made */
function ourRanges() {
  return activeTab()
    .getNamedRanges()
    .filter((range) => /^penwise-(ai|edited)-/.test(range.getName()));
}

/**
 * The text runs of an element, each with where it starts in the element's text.
 * @param {Element} element
 * @returns {Array<{text: Text, at: number}>}
 */
function runsOf(element) {
  const T = DocumentApp.ElementType;
  if (element.getType() === T.TEXT) return [{ text: element.asText(), at: 0 }];
  const holder = container(element);
  /** @type {Array<{text: Text, at: number}>} */
  const runs = [];
  let at = 0;
  for (let i = 0; i < holder.getNumChildren(); i++) {
    const child = holder.getChild(i);
    if (child.getType() !== T.TEXT) continue;
    runs.push({ text: child.asText(), at });
    at += child.asText().getText().length;
  }
  return runs;
}

/**
 * [start, end) of the element at `path` (a paragraph, or a run in one), as a stretch of its
 * paragraph's text.
 * @param {Body} body @param {number[]} path @param {boolean} run @param {number} start @param {number} end
 * @returns {Stretch}
 */
function stretchOf(body, path, run, start, end) {
  const block = blockPath({ path, run });
  let at = 0;
  if (run) {
    const paragraph = container(elementAt(body, block));
    for (let i = 0; i < path[path.length - 1]; i++) {
      const child = paragraph.getChild(i);
      if (child.getType() === DocumentApp.ElementType.TEXT) at += child.asText().getText().length;
    }
  }
  return { block: block.join('.'), from: at + start, to: at + end };
}

/**
 * One part of a named range as a stretch of its paragraph's text; null when it is not in
 * the body the writer looks at (or no longer in the document).
 * @param {GoogleAppsScript.Document.RangeElement} part
 * @returns {Stretch|null}
 */
function stretchOfPart(part) {
  const element = part.getElement();
  const path = pathOf(element);
  if (!path) return null;
  const isRun = element.getType() === DocumentApp.ElementType.TEXT;
  const length = isRun ? element.asText().getText().length : container(element).editAsText().getText().length;
  const start = part.isPartial() ? part.getStartOffset() : 0;
  const end = part.isPartial() ? part.getEndOffsetInclusive() + 1 : length;
  return stretchOf(activeBody(), path, isRun, start, end);
}

/**
 * Document order of two stretches (a missing one last): <0 when `a` comes first.
 * @param {Stretch|undefined} a @param {Stretch|undefined} b
 */
function before(a, b) {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  const left = a.block.split('.').map(Number);
  const right = b.block.split('.').map(Number);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] - right[i];
  }
  return left.length - right.length || a.from - b.from;
}

/**
 * Whether every stretch of `some` lies within one of `others`.
 * @param {Stretch[]} some @param {Stretch[]} others
 */
function inside(some, others) {
  return some.length > 0 && some.every((one) => others.some((other) => other.block === one.block && other.from <= one.from && one.to <= other.to));
}

/**
 * The parts of a stretch inside the scope (all of it when the scope is the document).
 * @param {Stretch} stretch @param {Stretch[]|null} scope
 * @returns {Stretch[]}
 */
function within(stretch, scope) {
  if (!scope) return [stretch];
  return scope
    .filter((part) => part.block === stretch.block && part.from < stretch.to && stretch.from < part.to)
    .map((part) => ({ block: stretch.block, from: Math.max(part.from, stretch.from), to: Math.min(part.to, stretch.to) }));
}

/**
 * A stretch less the stretches of `others` that overlap it.
 * @param {Stretch} stretch @param {Stretch[]} others
 * @returns {Stretch[]}
 */
function without(stretch, others) {
  /** @type {Stretch[]} */
  let left = [stretch];
  others
    .filter((other) => other.block === stretch.block)
    .forEach((other) => {
      left = left.flatMap((part) => {
        if (other.to <= part.from || part.to <= other.from) return [part];
        /** @type {Stretch[]} */
        const pieces = [];
        if (part.from < other.from) pieces.push({ block: part.block, from: part.from, to: other.from });
        if (other.to < part.to) pieces.push({ block: part.block, from: other.to, to: part.to });
        return pieces;
      });
    });
  return left;
}

/**
 * The whole text of the paragraph at a block path ("3", "5.0.1.0").
 * @param {Body} body @param {string} block
 * @returns {string}
 */
function blockText(body, block) {
  const text = editableAt(body, block.split('.').map(Number));
  return text ? text.getText() : '';
}

/**
 * A passage's record as kept, or only its kind when the record is gone or not ours.
 * @param {string|null} kept @param {string} kind
 * @returns {Object}
 */
function recordOf(kept, kind) {
  try {
    const record = kept ? JSON.parse(kept) : null;
    return record && typeof record === 'object' && record.kind === kind ? record : { kind };
  } catch (error) {
    return { kind };
  }
}
