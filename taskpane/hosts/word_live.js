// @ts-check
/**
 * Checking as you write in Word: which paragraphs changed, their text, and underlines.
 *
 * With WordApi 1.6 Word names the paragraphs it added, changed or deleted (onParagraphAdded,
 * onParagraphChanged, onParagraphDeleted, by uniqueLocalId), and each is read alone with
 * getParagraphByUniqueLocalId. Word can miss events in fast edits (office-js issue 4874), so
 * every read also takes the paragraphs around the caret again, and the pane keeps only what
 * differs from what it had; deletes do not fire while changes are tracked (office-js 3864),
 * so the paragraphs' order is read again every few seconds. Without 1.6, Office's selection
 * change (every keystroke moves it) says "read again", and every paragraph's text is read and
 * compared, the paragraphs named by their place.
 *
 * A long document is read in pages of PAGE paragraphs, nearest the caret first, one short
 * sync each, and the pane checks each page before reading the next: Word never waits long.
 *
 * Underlines are critique annotations (WordApi 1.7; Microsoft 365 only: a one-time-purchase
 * Word claims 1.7 and refuses them, office-js 4953, after which only the cards show). Word
 * does not save them: they are drawn again when the pane opens. A click on one (1.7) brings
 * its card; a suggestion accepted in its pop-up (1.8) is made once: Word on the web and on
 * Windows have made it already, Word on Mac has not (office-js 6644), so the paragraph is
 * read again and the suggestion applied only where the old words are still there.
 */
import { buildCritiques } from './word_critiques.js';
import { changeIn } from './word_edit.js';
import { toAppText } from './word_locate.js';
import { deleteAnnotations, needsSubscription } from './word_marks.js';

/** Paragraphs read per sync while a long document is read the first time. */
export const PAGE = 200;
/** Paragraphs on each side of the caret's that every read takes again (missed events). */
const AROUND = 2;
/** The paragraphs' order is read again at least this often (deletes may not fire). */
const ORDER_EVERY_MS = 5000;

/**
 * @typedef {import('./host.js').Issue} Issue
 * @typedef {import('./host.js').LiveHost} LiveHost
 * @typedef {{paragraph: string, issue: Issue}} Marked
 * @typedef {(context: Word.RequestContext, pieces: {range: Word.Range, text: string}[], marking: import('./host.js').Marking|undefined) => Promise<void>} Made
 */

/**
 * @param {{supports: (version: string) => boolean, now?: () => number, made?: Made}} options
 *   `supports`: whether Word has a WordApi set; `made`: marks the new text of a fix.
 * @returns {LiveHost}
 */
export function createWordLive({ supports, now = () => Date.now(), made }) {
  const events = supports('1.6');
  let underlines = supports('1.7');
  const popup = supports('1.8');
  /** @type {string[]|null} every paragraph's id, in document order */
  let ids = null;
  let orderReadAt = -Infinity;
  let orderStale = true;
  /** @type {Map<string, string>} the text of each paragraph read so far */
  const texts = new Map();
  /** @type {Set<string>} paragraphs Word said changed since the last read */
  const dirty = new Set();
  /** @type {Map<string, string[]>} the annotations drawn on each paragraph */
  const drawn = new Map();
  /** @type {Map<string, Marked>} annotation id -> its paragraph and issue */
  const annotated = new Map();
  let registered = false;
  /** @type {null | {edited: (how: {composing: boolean}) => void, reveal: (paragraph: string, issueId: string) => void}} */
  let watcher = null;

  /**
   * The paragraphs with these ids, in this batch (without WordApi 1.6, by their place, which
   * takes a sync to list).
   * @param {Word.RequestContext} context @param {string[]} wanted
   * @returns {Promise<Word.Paragraph[]>}
   */
  async function paragraphs(context, wanted) {
    if (events) return wanted.map((id) => context.document.getParagraphByUniqueLocalId(id));
    const all = context.document.body.paragraphs.load('items');
    await context.sync();
    return wanted.map((id) => all.items[Number(id.slice(1))]);
  }

  /**
   * Make one change in paragraph `id`, in its own batch; false if its words are gone.
   * @param {string} id @param {import('./host.js').Change} edit @param {import('./host.js').Marking} [marking]
   */
  function change(id, edit, marking) {
    return Word.run(async (context) => {
      const [item] = await paragraphs(context, [id]);
      return item ? changeIn(context, item, edit, supports('1.3'), (batch, pieces) => made?.(batch, pieces, marking) ?? Promise.resolve()) : false;
    }).catch(() => false);
  }

  /** Register Word's events once (they stay while the pane lives; `watcher` gates them). */
  async function register() {
    if (registered) return;
    registered = true;
    if (!events) {
      Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, () => watcher?.edited({ composing: false }));
      return;
    }
    await Word.run(async (context) => {
      const changed = (/** @type {{uniqueLocalIds: string[]}} */ args, orderToo = false) => {
        args.uniqueLocalIds.forEach((id) => dirty.add(id));
        if (orderToo) orderStale = true;
        watcher?.edited({ composing: false });
      };
      context.document.onParagraphChanged.add(async (args) => changed(args));
      context.document.onParagraphAdded.add(async (args) => changed(args, true));
      context.document.onParagraphDeleted.add(async (args) => changed(args, true));
      if (underlines) {
        context.document.onAnnotationClicked.add(async (args) => {
          const marked = annotated.get(args.id);
          if (marked) watcher?.reveal(marked.paragraph, marked.issue.id);
        });
      }
      if (popup) context.document.onAnnotationPopupAction.add(onPopupAction);
      await context.sync();
    });
  }

  /**
   * A suggestion accepted in an underline's pop-up: made once, whatever Word did already.
   * @param {Word.AnnotationPopupActionEventArgs} args
   */
  async function onPopupAction(args) {
    const marked = annotated.get(args.id);
    if (args.action !== 'Accept' || !marked || args.critiqueSuggestion === undefined) return;
    const { issue } = marked;
    const start = issue.utf16_offset;
    const edit = { start, end: start + issue.utf16_length, expected: issue.text, replacement: args.critiqueSuggestion };
    // Where Word made the change, the old words are gone and it is refused: nothing twice.
    await change(marked.paragraph, edit);
    dirty.add(marked.paragraph);
    watcher?.edited({ composing: false });
  }

  /** @param {Word.RequestContext} context */
  async function readOrder(context) {
    const paragraphs = context.document.body.paragraphs;
    paragraphs.load(events ? 'items/uniqueLocalId' : 'items/text');
    await context.sync();
    ids = paragraphs.items.map((item, i) => (events ? item.uniqueLocalId : `p${i}`));
    if (!events) paragraphs.items.forEach((item, i) => texts.set(`p${i}`, toAppText(item.text)));
    const present = new Set(ids);
    for (const id of texts.keys()) if (!present.has(id)) texts.delete(id);
    orderReadAt = now();
    orderStale = false;
  }

  /** Read the order where needed, the paragraphs that may have changed, and a page more. */
  function readOnce() {
    return Word.run(async (context) => {
      const selected = context.document.getSelection().paragraphs;
      selected.load(events ? 'items/uniqueLocalId' : 'items');
      if (!events || !ids || orderStale || now() - orderReadAt >= ORDER_EVERY_MS) await readOrder(context);
      else await context.sync();
      const order = /** @type {string[]} */ (ids);
      const focus = events && selected.items.length ? selected.items[0].uniqueLocalId : null;
      if (events) {
        const at = focus ? Math.max(0, order.indexOf(focus)) : 0;
        const wanted = new Set([...dirty].filter((id) => order.includes(id)));
        for (let i = Math.max(0, at - AROUND); i <= Math.min(order.length - 1, at + AROUND); i += 1) wanted.add(order[i]);
        for (const id of unreadNear(order, at)) wanted.add(id);
        const list = [...wanted];
        const items = (await paragraphs(context, list)).map((item) => item.load('text'));
        await context.sync();
        items.forEach((item, i) => texts.set(list[i], toAppText(item.text)));
        list.forEach((id) => dirty.delete(id));
      }
      const known = order.filter((id) => texts.has(id));
      const current = new Map(known.map((id) => [id, /** @type {string} */ (texts.get(id))]));
      return { order: known, texts: current, focus, unread: order.length - known.length };
    });
  }

  /** @type {LiveHost} */
  const live = {
    pauseMs: 800,
    get underlines() {
      return underlines;
    },

    watch(callbacks) {
      watcher = callbacks;
      register().catch(() => {});
      return () => {
        watcher = null;
      };
    },

    async read() {
      // A paragraph deleted since the order was read cannot be found: read the order again.
      return readOnce().catch(() => {
        orderStale = true;
        return readOnce();
      });
    },

    applyFix: change,

    async mark(given) {
      if (!underlines) return;
      const old = given.flatMap(({ id }) => drawn.get(id) ?? []);
      old.forEach((annotation) => annotated.delete(annotation));
      given.forEach(({ id }) => drawn.delete(id));
      await deleteAnnotations(old);
      await Word.run(async (context) => {
        const found = await paragraphs(context, given.map(({ id }) => id));
        const items = given.map(({ id, issues }, i) => ({ id, issues, item: found[i].load('text') }));
        await context.sync();
        const inserted = items.flatMap(({ id, issues, item }) => {
          const [marks = []] = buildCritiques(toAppText(item.text), issues, { popup });
          return marks.length ? [{ id, marks, issues, result: item.insertAnnotations({ critiques: marks.map((mark) => mark.critique) }) }] : [];
        });
        try {
          await context.sync();
        } catch (error) {
          if (!needsSubscription(error)) throw error;
          underlines = false; // cards only for the rest of the session (office-js 4953)
          return;
        }
        for (const { id, marks, issues, result } of inserted) {
          drawn.set(id, result.value);
          result.value.forEach((annotation, k) => {
            const issue = issues.find((candidate) => candidate.id === marks[k].issueId);
            if (issue) annotated.set(annotation, { paragraph: id, issue });
          });
        }
      }).catch(() => {}); // a paragraph deleted meanwhile: its next read redraws what is left
    },

    async unmark() {
      const all = [...drawn.values()].flat();
      drawn.clear();
      annotated.clear();
      await deleteAnnotations(all);
    },
  };
  return live;

  /** Paragraphs not read yet, the nearest to `at` first, at most a page. */
  function unreadNear(/** @type {string[]} */ order, /** @type {number} */ at) {
    const found = [];
    for (let step = 0; found.length < PAGE && (at + step < order.length || at - step >= 0); step += 1) {
      for (const i of step ? [at + step, at - step] : [at]) {
        if (i >= 0 && i < order.length && !texts.has(order[i])) found.push(order[i]);
      }
    }
    return found;
  }
}
