// @ts-check
/** Checking: Improve, and what a writer does with an issue card. */
import { changeSeen, occurrenceKey, ruleName, shiftIssues, spliceText, withItem } from '../state.js';
import { fixMark } from '../authorship/marks.js';
import { afterMarking, marking } from './authorship.js';

/** Long texts are also split by the server; the pane says in how many parts above this. */
const PARTS_FROM_CHARS = 8000;

/** @typedef {import('../types.js').Context} Context */
/** @typedef {import('../hosts/host.js').Issue} Issue */

/** @param {Context} ctx */
export function checkActions(ctx) {
  const { state, api, host, t, root } = ctx;

  /** Show the visible issues in the document too, where the host can (Word's annotations);
   * while checking as you write, the live marks do that. */
  async function markIssues() {
    if (!host.markIssues || !state.doc || ctx.live.running) return;
    const drawn = await host.markIssues(ctx.shown(), actions.chosenInDocument).catch(() => true);
    if (!drawn) {
      // The host cannot underline (Word without Microsoft 365) and has stopped trying: say so
      // once, in the status line, without talking over the count just announced.
      state.notice = { key: 'status.marksUnavailable' };
      ctx.render();
    }
  }

  /**
   * After a fix in the text last read was applied (or refused as stale): move the other
   * cards, keep the pane's copy of the text, say what happened.
   * @param {Issue} issue @param {number} start @param {number} end @param {string} replacement @param {boolean} applied
   */
  function settle(issue, start, end, replacement, applied) {
    const doc = /** @type {NonNullable<typeof state.doc>} */ (state.doc);
    state.issues = shiftIssues(state.issues, start, end, replacement);
    if (applied) doc.text = spliceText(doc.text, start, end, replacement);
    fixed(issue, replacement, applied);
  }

  /** After a card goes away, keep the keyboard on the next one (or on Improve). @param {Issue} issue */
  function focusNextCard(issue) {
    const shown = ctx.shown();
    const next = shown.find((candidate) => candidate.utf16_offset >= issue.utf16_offset) ?? shown.at(-1);
    const target = next
      ? root.querySelector(`[data-issue="${CSS.escape(next.id)}"] button`)
      : root.querySelector('[data-key="improve"]');
    /** @type {HTMLElement|null} */ (target)?.focus();
  }

  /** A card went away by the writer's choice: say so, redraw, move on. @param {Issue} issue @param {string} key @param {Record<string, string>} [params] */
  function dismissed(issue, key, params) {
    ctx.notify(key, params);
    ctx.live.dismissed(issue);
    ctx.render();
    focusNextCard(issue);
    markIssues();
  }

  /**
   * What to mark around a fix: the model's mark when an answer says the model wrote that
   * rule's replacements (its deep check), else the local engine's lighter one.
   * @param {Issue} issue
   */
  function fixMarking(issue) {
    const answers = [state.checkProvenance, state.live.provenance];
    const said = answers.find((provenance) => provenance?.model_rules.includes(issue.rule_id)) ?? answers.find(Boolean);
    return marking(ctx, fixMark(said, issue));
  }

  /** The issue as it is now (a card drawn earlier may hold offsets a fix has moved since). */
  const current = (/** @type {Issue} */ issue) => state.issues.find((candidate) => candidate.id === issue.id) ?? issue;

  /** Say what became of a fix, forget the rewrite it made stale, move on. @param {Issue} issue @param {string} replacement @param {boolean} applied */
  function fixed(issue, replacement, applied) {
    if (applied) {
      api.feedback({ rule_id: issue.rule_id, action: 'applied' });
      ctx.notify('status.applied', { from: issue.text, to: replacement });
      if (host.authorship) afterMarking(ctx);
    } else {
      ctx.notify('status.stale');
    }
    state.rewrite.preview = null;
    ctx.render();
    focusNextCard(issue);
  }

  const actions = {
    improve() {
      return ctx.run(
        'status.checking',
        async (signal) => {
          await host.clearMarks?.();
          const selection = await ctx.readDocument();
          const parts =
            selection.text.length > PARTS_FROM_CHARS ? api.parts(selection.text, signal).catch(() => 1) : Promise.resolve(1);
          const answer = await api.improve({ text: selection.text, ...ctx.checkOptions(), ...ctx.rewriteOptions() }, signal);
          state.checkProvenance = answer.provenance ?? null;
          if (!ctx.live.improved(selection, answer.issues)) {
            state.doc = selection;
            state.issues = answer.issues;
          }
          state.outcome = {
            kind: 'check',
            whole: selection.whole,
            engine: answer.engine,
            degraded: answer.degraded,
            warnings: answer.warnings,
            incomplete: answer.incomplete,
            parts: await parts,
          };
          state.rewrite.streaming = null;
          state.rewrite.preview = {
            source: selection.text,
            ...answer.rewrite,
            warnings: [],
            provenance: answer.provenance ?? null,
            tone: state.rewrite.tone,
          };
          const count = ctx.shown().length;
          ctx.announce(count ? t('status.resultCount', { count }) : t('status.noIssues'));
          await markIssues();
        },
        () => actions.improve(),
      );
    },
    /** @param {Issue} shown @param {string} replacement */
    async applyFix(shown, replacement) {
      const issue = current(shown);
      if (ctx.live.owns(issue)) {
        let done = false;
        try {
          done = await ctx.live.fix(issue, replacement, fixMarking(issue));
        } catch (error) {
          ctx.fail(error);
          return;
        }
        fixed(issue, replacement, done);
        return;
      }
      const doc = /** @type {NonNullable<typeof state.doc>} */ (state.doc);
      const start = issue.utf16_offset;
      const end = start + issue.utf16_length;
      const expected = doc.text.slice(start, end);
      let applied = false;
      try {
        applied = expected === issue.text && (await host.applyFix({ start, end, expected, replacement }, fixMarking(issue)));
      } catch (error) {
        ctx.fail(error);
        return;
      }
      settle(issue, start, end, replacement, applied);
    },
    /**
     * A replacement the writer chose in the document itself (Word's pop-up). The host's UI may
     * have made it already (`current` is the document's text now): then only the pane's copy
     * and the other cards move. Only where the old words are still there is it applied, as by
     * a card's button, so it is never applied twice ("a" -> "an" must not give "ann").
     * @type {import('../hosts/host.js').Chosen}
     */
    async chosenInDocument(issueId, replacement, current) {
      const issue = state.issues.find((candidate) => candidate.id === issueId);
      if (!issue || !state.doc) return;
      const start = issue.utf16_offset;
      const end = start + issue.utf16_length;
      const seen = changeSeen(state.doc.text, current, start, end, replacement);
      if (seen === 'pending') await actions.applyFix(issue, replacement);
      else settle(issue, start, end, replacement, seen === 'made');
    },
    /** @param {Issue} shown */
    ignore(shown) {
      const issue = current(shown);
      state.ignored.add(occurrenceKey(/** @type {NonNullable<typeof state.doc>} */ (state.doc).text, issue));
      api.feedback({ rule_id: issue.rule_id, action: 'ignored' });
      dismissed(issue, 'status.ignored');
    },
    /** @param {Issue} issue */
    ignoreRule(issue) {
      state.settings.disabledRules = withItem(state.settings.disabledRules, issue.rule_id);
      api.feedback({ rule_id: issue.rule_id, action: 'dismissed' });
      ctx.save();
      ctx.live.settingsChanged();
      dismissed(issue, 'status.ruleIgnored', { rule: ruleName(issue.rule_id) });
    },
    /** @param {Issue} shown */
    addWord(shown) {
      const issue = current(shown);
      state.settings.dictionary = withItem(state.settings.dictionary, issue.text);
      const doc = /** @type {NonNullable<typeof state.doc>} */ (state.doc);
      for (const other of state.issues) {
        if (other.rule_id === issue.rule_id && other.text === issue.text) state.ignored.add(occurrenceKey(doc.text, other));
      }
      api.feedback({ rule_id: issue.rule_id, action: 'ignored' });
      ctx.save();
      ctx.live.settingsChanged();
      dismissed(issue, 'status.wordAdded', { word: issue.text });
    },
    /** @param {string} category @param {boolean} open */
    toggleGroup(category, open) {
      if (open) state.collapsed.delete(category);
      else state.collapsed.add(category);
    },
  };
  return actions;
}
