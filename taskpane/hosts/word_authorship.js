// @ts-check
/**
 * Who wrote what, kept in the Word document itself.
 *
 * Each passage Penwise wrote gets a content control (WordApi 1.1) around the new words only,
 * tagged 'penwise:ai' for a model's text and 'penwise:edited' for the local engine's, titled
 * as the writer reads it ("Written with Penwise (model)"), and hidden (appearance 'Hidden')
 * until the writer shows content controls. It travels with the file. Its record (engine,
 * model, operation, tone, when, how many characters) is a document setting (WordApi 1.4)
 * named by the control's id; without 1.4 the tag and title still say who wrote it.
 *
 * Word refuses a content control on a range that straddles another control's edge, and in
 * some fields and table cells (office-js issues 1169, 3367, 6103: GeneralException at
 * Range.insertContentControl). Such a passage is marked with a comment instead (WordApi 1.4)
 * and the pane says so. Word stops a batch at the first operation it refuses, so the controls
 * go in one batch and, when it fails, the pieces still without one go one by one.
 *
 * Typing inside a content control makes the typed text part of it (that is Word's); the pane
 * never counts more characters in a passage than Penwise put there.
 */
import { charCount, keptMark, withChars } from '../authorship/marks.js';

/** The tag of each kind of mark. */
export const TAGS = /** @type {const} */ ({ model: 'penwise:ai', edited: 'penwise:edited' });
/** Document settings holding the records: this prefix, then "cc:<id>" or "comment:<id>". */
const RECORD = 'penwise.mark.';

/**
 * @typedef {import('./host.js').Marking} Marking
 * @typedef {import('../authorship/marks.js').Passage} Passage
 * @typedef {import('../authorship/marks.js').MarkKind} MarkKind
 * @typedef {{range: Word.Range | Word.Paragraph, text: string}} Piece  New text just put in.
 */

/** The kind a tag or a comment's closing tag names, if it is one of ours. @param {string} text */
function kindOf(text) {
  const found = Object.entries(TAGS).find(([, tag]) => text === tag || text.endsWith(`[${tag}]`));
  return found ? /** @type {MarkKind} */ (found[0]) : null;
}

/** Whether Word refused to place something where it was asked (not a broken connection). @param {unknown} error */
function refused(error) {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'GeneralException' || code === 'InvalidArgument';
}

/**
 * @param {{supports: (version: string) => boolean}} options  `supports`: a WordApi set is there.
 */
export function createWordAuthorship({ supports }) {
  let commented = 0;

  /**
   * Keep a passage's record in the document's settings (WordApi 1.4).
   * @param {Word.RequestContext} context @param {string} key @param {Marking} marking @param {string} text
   */
  function keep(context, key, marking, text) {
    if (supports('1.4')) context.document.settings.add(RECORD + key, withChars(marking.mark, text));
  }

  /**
   * A hidden content control around `range`, tagged and titled.
   * @param {Piece['range']} range @param {Marking} marking
   */
  function control(range, marking) {
    const placed = range.insertContentControl();
    placed.tag = TAGS[marking.mark.kind];
    placed.title = marking.label;
    placed.appearance = 'Hidden';
    placed.load('id');
    return placed;
  }

  /**
   * Mark one piece alone: a content control, else a comment, else nothing (and say so).
   * @param {Word.RequestContext} context @param {Piece} piece @param {Marking} marking
   */
  async function markAlone(context, piece, marking) {
    const placed = control(piece.range, marking);
    try {
      await context.sync();
      keep(context, `cc:${placed.id}`, marking, piece.text);
      return;
    } catch (error) {
      if (!refused(error)) throw error;
    }
    if (!supports('1.4')) return;
    // A paragraph takes no comment itself: its text does (WordApi 1.3's getRange).
    const where = 'insertComment' in piece.range ? piece.range : piece.range.getRange('Content');
    const comment = where.insertComment(`${marking.label} [${TAGS[marking.mark.kind]}]`);
    comment.load('id');
    await context.sync();
    keep(context, `comment:${comment.id}`, marking, piece.text);
    commented += 1;
  }

  /**
   * Mark new pieces of text: content controls in one batch, then one by one where Word
   * refused one (it stops the batch there: the controls before it are in).
   * @param {Word.RequestContext} context @param {Piece[]} given @param {Marking} marking
   */
  async function mark(context, given, marking) {
    const placed = given.map((piece) => control(piece.range, marking));
    try {
      await context.sync();
    } catch (error) {
      if (!refused(error)) throw error;
      // Word stopped at the control it refused: those before it are there.
      const found = given.map((piece) => piece.range.contentControls.getByTag(TAGS[marking.mark.kind]).load('items/id'));
      await context.sync();
      for (const [i, piece] of given.entries()) {
        const there = found[i].items[0];
        if (there) keep(context, `cc:${there.id}`, marking, piece.text);
        else await markAlone(context, piece, marking);
      }
      await context.sync();
      return;
    }
    placed.forEach((one, i) => keep(context, `cc:${one.id}`, marking, given[i].text));
    await context.sync();
  }

  return {
    /**
     * Mark the new text of an edit just synced (a deletion puts none), in the same batch.
     * The edit is made whatever becomes of its mark: text Word would not mark at all stays
     * unmarked, and the report counts it as not recorded, never as Penwise's.
     * @param {Word.RequestContext} context @param {Piece[]} pieces @param {Marking|undefined} marking
     */
    async wrap(context, pieces, marking) {
      const given = pieces.filter((piece) => piece.text);
      if (!marking || !given.length) return;
      await mark(context, given, marking).catch(() => {});
    },

    /** @returns {number} passages marked with a comment since the last call */
    fallbacks() {
      const count = commented;
      commented = 0;
      return count;
    },

    /** @returns {Promise<import('../authorship/marks.js').Reading>} */
    read() {
      return Word.run(async (context) => {
        const selection = context.document.getSelection();
        selection.load('text');
        await context.sync();
        const chosen = selection.text.length > 0;
        const scope = chosen ? selection : supports('1.3') ? context.document.body.getRange('Whole') : context.document.body;
        scope.load('text');
        // Inside a selection only the selected part counts (WordApi 1.3: every control, cut to
        // the selection); a passage inside another counts once.
        const cut = chosen && supports('1.3');
        const controls = (cut ? context.document.contentControls : scope.contentControls).load('items/id,items/tag,items/title,items/text');
        const records = supports('1.4') ? context.document.settings.load('items/key,items/value') : null;
        const comments = supports('1.4') ? scope.getComments().load('items/id,items/content') : null;
        await context.sync();
        const ours = controls.items.filter((item) => kindOf(item.tag));
        const notes = (comments?.items ?? []).filter((item) => kindOf(item.content));
        const inside = cut ? ours.map((item) => item.getRange('Whole').intersectWithOrNullObject(selection).load('text')) : null;
        const parents = supports('1.3') ? ours.map((item) => item.parentContentControlOrNullObject.load('id,tag')) : null;
        const noted = notes.map((note) => note.getRange().load('text'));
        await context.sync();
        /** @type {Map<string, unknown>} the document's settings: anything another add-in wrote too */
        const kept = new Map((records?.items ?? []).map((item) => [item.key, item.value]));
        /** @type {Map<number, string[]>} each control's text, in the pieces the passages inside it leave */
        const own = new Map(ours.map((item, i) => [item.id, [inside ? (inside[i].isNullObject ? '' : inside[i].text) : item.text]]));
        ours.forEach((item, i) => {
          const parent = parents?.[i];
          const pieces = parent && !parent.isNullObject ? own.get(parent.id) : undefined;
          if (parent && pieces) own.set(parent.id, cutOut(pieces, (own.get(item.id) ?? []).join('')));
        });
        /** @type {Passage[]} */
        const passages = [
          ...ours.map((item) => passage(`cc:${item.id}`, kindOf(item.tag), kept, own.get(item.id) ?? [], false)),
          ...notes.map((note, i) => passage(`comment:${note.id}`, kindOf(note.content), kept, [noted[i].text], true)),
        ];
        return { scope: chosen ? 'selection' : 'document', total: charCount(scope.text), passages: passages.filter((one) => one.text) };
      });
    },

    /** @param {string} id */
    select(id) {
      return Word.run(async (context) => {
        const [kind, key] = id.split(':');
        if (kind === 'cc') {
          context.document.contentControls.getById(Number(key)).select();
        } else {
          const comments = context.document.body.getComments().load('items/id');
          await context.sync();
          const comment = comments.items.find((item) => item.id === key);
          if (!comment) return false;
          comment.getRange().select();
        }
        await context.sync();
        return true;
      }).catch(() => false);
    },

    async remove() {
      await Word.run(async (context) => {
        const controls = context.document.contentControls.load('items/tag');
        const records = supports('1.4') ? context.document.settings.load('items/key') : null;
        const comments = supports('1.4') ? context.document.body.getComments().load('items/content') : null;
        await context.sync();
        // The control goes, its text stays (keepContent).
        for (const item of controls.items) if (kindOf(item.tag)) item.delete(true);
        for (const item of comments?.items ?? []) if (kindOf(item.content)) item.delete();
        for (const item of records?.items ?? []) if (item.key.startsWith(RECORD)) item.delete();
        await context.sync();
      });
    },
  };
}

/**
 * A passage as the Authorship view reads it: its record when the document kept one, else
 * what its tag says (a control copied into another file keeps its tag, not the setting).
 * @param {string} id @param {MarkKind|null} kind @param {Map<string, unknown>} kept @param {string[]} pieces @param {boolean} comment
 * @returns {Passage}
 */
function passage(id, kind, kept, pieces, comment) {
  const record = kept.get(RECORD + id);
  const ours = keptMark(record);
  const mark = ours && ours.kind === kind ? ours : { kind: kind ?? 'edited' };
  const words = pieces.map((piece) => piece.replace(/\r/g, '\n')).filter(Boolean);
  return { id, mark, text: words.join(''), pieces: words, comment };
}

/**
 * `pieces` less the first place `inner` is found in them: that piece is cut in two there.
 * @param {string[]} pieces @param {string} inner
 * @returns {string[]}
 */
function cutOut(pieces, inner) {
  const at = inner ? pieces.findIndex((piece) => piece.includes(inner)) : -1;
  if (at < 0) return pieces;
  const [before, ...after] = pieces[at].split(inner);
  return [...pieces.slice(0, at), before, after.join(inner), ...pieces.slice(at + 1)];
}
