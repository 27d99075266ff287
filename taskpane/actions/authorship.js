// @ts-check
/**
 * Authorship: the marks Penwise keeps in the document around the text it wrote (made when
 * the writer accepts a rewrite, an idea or a fix), and the view that reads them back.
 */
import { reportText } from '../authorship/report.js';

/** @typedef {import('../types.js').Context} Context */
/** @typedef {import('../authorship/marks.js').Mark} Mark */

/**
 * What the host marks around text the writer accepts: the record and the label the writer
 * sees in the document. Undefined where the host keeps no marks, or the answer did not say
 * who wrote it.
 * @param {Context} ctx @param {Mark|null} mark
 * @returns {import('../hosts/host.js').Marking|undefined}
 */
export function marking(ctx, mark) {
  if (!ctx.host.authorship || !mark) return undefined;
  return { mark, label: markLabel(ctx.t, mark) };
}

/**
 * The label of a mark, as Word shows a content control's title.
 * @param {import('../types.js').T} t @param {{kind: string, model?: string|null}} mark
 */
export function markLabel(t, mark) {
  if (mark.kind !== 'model') return t('authorship.label.edited');
  return mark.model ? t('authorship.label.model', { model: mark.model }) : t('authorship.label.modelUnnamed');
}

/**
 * After text was marked: what the view last read is out of date, and where the host had to
 * mark another way (Word's comment), the pane says so.
 * @param {Context} ctx
 */
export function afterMarking(ctx) {
  ctx.state.authorship.reading = null;
  ctx.state.authorship.report = null;
  if (ctx.host.authorship?.fallbacks?.()) ctx.notify('authorship.commentInstead');
}

/** @param {Context} ctx */
export function authorshipActions(ctx) {
  const { state, host, t, root } = ctx;
  const focus = (/** @type {string} */ key) => /** @type {HTMLElement|null} */ (root.querySelector(`[data-key="${key}"]`))?.focus();

  const actions = {
    /** Read the marks of the selection (or the document) again. */
    refreshAuthorship() {
      const authorship = host.authorship;
      if (!authorship) return Promise.resolve();
      return ctx.run(
        'status.readingMarks',
        async () => {
          state.authorship.confirming = false;
          state.authorship.report = null;
          state.authorship.reading = await authorship.read();
        },
        () => actions.refreshAuthorship(),
      );
    },
    /** Select a passage's text in the document. @param {string} id */
    async selectPassage(id) {
      let found = false;
      try {
        found = Boolean(await host.authorship?.select(id));
      } catch (error) {
        ctx.fail(error);
        return;
      }
      if (!found) {
        ctx.notify('authorship.passageGone');
        ctx.render();
      }
    },
    /**
     * Copy the plain-text report of what was last read; where the clipboard is refused (a
     * frame without the permission), show it in the pane, selected, to copy by hand.
     */
    async copyReport() {
      const reading = state.authorship.reading;
      if (!reading) return;
      const report = reportText(reading, t);
      try {
        await navigator.clipboard.writeText(report);
        state.authorship.report = null;
        ctx.notify('authorship.reportCopied');
      } catch {
        state.authorship.report = report;
        ctx.notify('authorship.copyByHand');
      }
      ctx.render();
      const shown = /** @type {HTMLTextAreaElement|null} */ (root.querySelector('[data-key="report-text"]'));
      shown?.focus();
      shown?.select();
      if (shown) shown.scrollTop = 0; // selecting scrolls to the end; the report reads from its top
    },
    /** Ask before removing every mark (never where the organisation requires them). */
    askRemoveMarks() {
      if (state.authorship.marks === 'required') return;
      state.authorship.confirming = true;
      ctx.render();
      focus('keep-marks');
    },
    keepMarks() {
      state.authorship.confirming = false;
      ctx.render();
      focus('remove-marks');
    },
    /** Remove every mark from the document, once the writer confirmed; the text stays. */
    removeMarks() {
      const authorship = host.authorship;
      if (!authorship || state.authorship.marks === 'required' || !state.authorship.confirming) return Promise.resolve();
      return ctx.run(
        'status.removingMarks',
        async () => {
          state.authorship.confirming = false;
          state.authorship.report = null;
          await authorship.remove();
          state.authorship.reading = await authorship.read();
          ctx.notify('authorship.removed');
        },
        () => {
          state.authorship.confirming = true;
          actions.removeMarks();
        },
      );
    },
  };
  return actions;
}
