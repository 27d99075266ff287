// @ts-check
/** Rewriting: the tone and sliders, the streamed preview, and putting text into the document. */
import { markFor } from '../authorship/marks.js';
import { afterMarking, marking } from './authorship.js';

/** @typedef {import('../types.js').Context} Context */

/** @param {Context} ctx */
export function rewriteActions(ctx) {
  const { state, api, host, t } = ctx;

  const actions = {
    /**
     * Set how to rewrite: tone, formality, length or instruction (typing does not redraw).
     * @template {'tone'|'formality'|'length'|'instruction'} K
     * @param {K} name @param {typeof state.rewrite[K]} value
     */
    setRewriteOption(name, value) {
      state.rewrite[name] = value;
      if (name !== 'instruction') ctx.render();
    },
    rewrite() {
      return ctx
        .run(
          'status.rewriting',
          async (signal) => {
            const selection = await ctx.readDocument();
            state.rewrite.streaming = '';
            const onDelta = (/** @type {string} */ text) => {
              state.rewrite.streaming = text;
              ctx.render();
            };
            const options = ctx.rewriteOptions();
            const answer = await api.rewrite({ text: selection.text, ...options }, { signal, onDelta });
            state.rewrite.streaming = null;
            state.rewrite.preview = {
              source: selection.text,
              rewritten: answer.rewritten,
              edits: answer.edits,
              warnings: answer.warnings,
              provenance: answer.provenance ?? null,
              tone: options.tone,
            };
            state.outcome = {
              kind: 'rewrite',
              whole: selection.whole,
              engine: answer.engine,
              degraded: answer.degraded,
              warnings: answer.warnings,
              incomplete: answer.incomplete,
              parts: 1,
            };
            ctx.announce(t('rewrite.preview'));
          },
          () => actions.rewrite(),
        )
        .finally(() => {
          if (state.rewrite.streaming !== null) {
            state.rewrite.streaming = null;
            ctx.render();
          }
        });
    },
    async applyRewrite() {
      const preview = state.rewrite.preview;
      if (!preview) return;
      const current = await host.read().catch(() => null);
      if (!current || current.text !== preview.source) {
        state.rewrite.preview = null;
        ctx.notify('status.rewriteStale');
        ctx.render();
        return;
      }
      const changes = preview.edits.map((edit) => ({
        start: edit.utf16_offset,
        end: edit.utf16_offset + edit.utf16_length,
        expected: edit.original,
        replacement: edit.replacement,
      }));
      try {
        await host.setTrackChanges?.(state.settings.trackChanges);
        const mark = marking(ctx, markFor(preview.provenance, 'rewrite', preview.tone));
        const how = await host.applyRewrite(changes, preview.rewritten, mark);
        ctx.notify(how === 'whole' ? 'status.rewriteWhole' : 'status.rewriteApplied');
        if (mark) afterMarking(ctx);
      } catch (error) {
        ctx.fail(error);
      }
      api.feedback({ rule_id: 'rewrite', action: 'applied', ...(state.rewrite.tone ? { tone: state.rewrite.tone } : {}) });
      // The checked text is gone: its cards no longer apply until the writer checks again.
      state.doc = null;
      state.issues = [];
      state.outcome = null;
      state.rewrite.preview = null;
      await host.clearMarks?.();
      ctx.render();
    },
    /**
     * Put a rewrite or an idea below the selection.
     * @param {string} text @param {'rewrite'|'idea'} from
     */
    async insertBelow(text, from) {
      const preview = state.rewrite.preview;
      const mark = marking(
        ctx,
        from === 'idea'
          ? markFor(state.ideas.provenance, 'idea', null)
          : markFor(preview?.provenance, 'rewrite', preview?.tone ?? null),
      );
      try {
        await host.insertBelow(text, mark);
        ctx.notify('status.inserted');
        if (mark) afterMarking(ctx);
      } catch (error) {
        ctx.fail(error);
      }
      ctx.render();
    },
    /** @param {string} text */
    async copy(text) {
      try {
        await navigator.clipboard.writeText(text);
        ctx.notify('status.copied');
      } catch {
        ctx.notify('status.copyFailed');
      }
      ctx.render();
    },
  };
  return actions;
}
