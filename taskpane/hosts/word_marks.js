// @ts-check
/**
 * Issues underlined in the Word document itself: critique annotations (WordApi 1.7) and the
 * pop-up with suggestions on each underline (WordApi 1.8).
 *
 * Two behaviours of real Word that the type definitions do not show shape this module:
 * - Annotations need a Microsoft 365 subscription. A one-time-purchase Word answers true to
 *   isSetSupported('WordApi', '1.7') and then fails insertAnnotations with GeneralException
 *   (office-js issues 4953 and 5179; "Use annotations in your Word add-in", Prerequisites).
 *   After the first such failure this module stops marking for the session.
 * - Accepting a suggestion in the pop-up: Word on the web and on Windows replace the text
 *   themselves (the annotations guide: "if the user accepts suggested changes, the changes will
 *   persist"); Word on Mac currently does not (office-js issue 6644). So after an Accept this
 *   module reads the text again and hands it to the pane, which applies the suggestion only if
 *   the old text is still there.
 */
import { buildCritiques } from './word_critiques.js';
import { toAppText } from './word_locate.js';

/**
 * @typedef {import('./host.js').Issue} Issue
 * @typedef {import('./host.js').Chosen} Chosen
 * @typedef {Word.Range | Word.Body} Kept
 * @typedef {<T>(batch: (context: Word.RequestContext, range: Kept) => Promise<T>) => Promise<T>} WithKept
 */

/**
 * The marking half of the Word host.
 * @param {{withKept: WithKept, popup: boolean}} options
 *   `withKept` runs a batch on the range the host keeps; `popup`: WordApi 1.8 is there.
 */
export function createMarks({ withKept, popup }) {
  /** @type {Map<string, string>} Annotation id -> issue id, for the annotations this pane inserted. */
  const marks = new Map();
  /** @type {Chosen|null} */
  let onChoose = null;
  let popupHandlerAdded = false;

  /** Remove every annotation this pane inserted (one already gone, accepted or deleted, is skipped). */
  async function clearMarks() {
    const ids = [...marks.keys()];
    marks.clear();
    await deleteAnnotations(ids);
  }

  /**
   * Underline `issues` in the kept range; false when Word refused as it does without
   * Microsoft 365 (the host then stops marking for the session).
   * @param {Issue[]} issues
   * @param {Chosen} choose
   * @returns {Promise<boolean>}
   */
  async function markIssues(issues, choose) {
    await clearMarks();
    onChoose = choose;
    return withKept(async (context, range) => {
      range.load('text');
      const paragraphs = range.paragraphs;
      paragraphs.load('items');
      // Critique starts count from the paragraph's start; a selection may begin mid-way.
      const lead = paragraphs.getFirst().getRange('Start').expandTo(range.getRange('Start'));
      lead.load('text');
      await context.sync();
      const perParagraph = buildCritiques(toAppText(range.text), issues, { lead: lead.text.length, popup });
      const inserted = perParagraph.flatMap((paragraphMarks, i) =>
        paragraphMarks.length && i < paragraphs.items.length
          ? [{ paragraphMarks, ids: paragraphs.items[i].insertAnnotations({ critiques: paragraphMarks.map((mark) => mark.critique) }) }]
          : [],
      );
      const addingHandler = popup && !popupHandlerAdded;
      if (addingHandler) context.document.onAnnotationPopupAction.add(onPopupAction);
      try {
        await context.sync();
      } catch (error) {
        if (!needsSubscription(error)) throw error;
        return false;
      }
      // Only now is the handler registered: a failed batch leaves it to the next try.
      if (addingHandler) popupHandlerAdded = true;
      for (const { paragraphMarks, ids } of inserted) {
        ids.value.forEach((id, k) => marks.set(id, paragraphMarks[k].issueId));
      }
      return true;
    });
  }

  /**
   * A suggestion accepted in an underline's pop-up: read the kept text as Word has it now and
   * let the pane decide whether Word already made the change.
   * @param {Word.AnnotationPopupActionEventArgs} args
   */
  async function onPopupAction(args) {
    const issueId = marks.get(args.id);
    if (args.action !== 'Accept' || issueId === undefined || args.critiqueSuggestion === undefined) return;
    const suggestion = args.critiqueSuggestion;
    const current = await withKept(async (context, range) => {
      range.load('text');
      await context.sync();
      return toAppText(range.text);
    }).catch(() => null); // The kept range is gone (the writer deleted it): nothing to update.
    if (current !== null) await onChoose?.(issueId, suggestion, current);
  }

  return { markIssues, clearMarks };
}

/**
 * Delete annotations by id; one already gone (accepted, or its words deleted) is skipped.
 * @param {string[]} ids
 */
export async function deleteAnnotations(ids) {
  if (!ids.length) return;
  await Word.run(async (context) => {
    ids.forEach((id) => context.document.getAnnotationById(id).delete());
    await context.sync();
  }).catch(() =>
    // getAnnotationById throws for one that is gone: delete the rest one by one.
    Promise.all(
      ids.map((id) =>
        Word.run(async (context) => {
          context.document.getAnnotationById(id).delete();
          await context.sync();
        }).catch(() => {}),
      ),
    ),
  );
}

/**
 * Whether a failed insertAnnotations batch is Word saying annotations need Microsoft 365:
 * GeneralException, the only answer a one-time-purchase Word gives (office-js 4953, 5179).
 * @param {unknown} error
 */
export function needsSubscription(error) {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'GeneralException';
}
