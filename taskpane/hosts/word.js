// @ts-check
/**
 * The Word host (Office.js). It keeps the range it read, tracked, so every later change
 * lands inside that same range; it finds a place by searching the range, since Word's
 * API has no "range at offset", and it refuses a change whose text the writer has since
 * changed.
 *
 * Requirement sets: WordApi 1.1 for reading, searching and inserting; 1.3 for the
 * whole-body range, expandTo (text over 255 characters) and paragraph-relative ranges;
 * 1.4 for tracked changes; 1.7 for critique annotations and 1.8 for their pop-up, both in
 * word_marks.js (annotations also need Microsoft 365, which no requirement set shows).
 *
 * Shape: createWordHost keeps one tracked range (`kept`) and runs every batch on it through
 * withKept; word_locate.js plans where a change goes and word_edit.js makes it,
 * word_marks.js draws Improve's underlines, word_live.js checks as the writer writes (its
 * paragraphs, events and underlines), word_settings.js keeps the settings, and
 * word_authorship.js marks the text Penwise wrote (content controls) and reads the marks.
 */
import { planRewrite, toAppText } from './word_locate.js';
import { apply, changeIn, search, target } from './word_edit.js';
import { createMarks } from './word_marks.js';
import { createWordLive } from './word_live.js';
import { availableStorage, createSettingsStore } from './word_settings.js';
import { createWordAuthorship } from './word_authorship.js';

/**
 * @typedef {import('./host.js').Host} Host
 * @typedef {Word.Range | Word.Body} Kept  What read() keeps: a Word.Body only where WordApi 1.3
 *   is missing and nothing was selected. Which one it is, is asked of the object itself.
 */

/**
 * Wait for Office, then answer the Word host.
 * @returns {Promise<Host>}
 */
export async function createWordHost() {
  await Office.onReady();
  const supports = (/** @type {string} */ version) =>
    Boolean(Office.context.requirements?.isSetSupported('WordApi', version));
  const settings = createSettingsStore(availableStorage(), Office.context.partitionKey);
  const authorship = createWordAuthorship({ supports });

  /** @type {Kept|null} The range last read, tracked, so later changes land inside it. */
  let kept = null;
  let trackingTurnedOn = false;

  /**
   * Run a batch on the kept range, in its own request context.
   * @template T
   * @param {(context: Word.RequestContext, range: Kept) => Promise<T>} batch
   * @returns {Promise<T>}
   */
  function withKept(batch) {
    if (!kept) throw new Error('Word host: read() must come before changes.');
    const range = kept;
    return Word.run(range, (context) => batch(context, range));
  }

  /** Keep a new range instead of the old one (both in this context). */
  function keep(/** @type {Kept} */ range, /** @type {Kept|null} */ old) {
    range.track();
    old?.untrack();
    kept = range;
  }

  /** @type {Host} */
  const host = {
    name: 'word',
    documentOnPage: false,
    language: Office.context.displayLanguage,
    theme: officeTheme(),

    async read() {
      const previous = kept;
      if (previous) {
        await Word.run(previous, async (context) => {
          previous.untrack();
          await context.sync();
        }).catch(() => {}); // The old range may be gone with its text; nothing to free then.
        kept = null;
      }
      return Word.run(async (context) => {
        const selection = context.document.getSelection();
        selection.load('text');
        await context.sync();
        const whole = selection.text.length === 0;
        /** @type {Kept} */
        const range = !whole
          ? selection
          : supports('1.3')
            ? context.document.body.getRange('Whole')
            : context.document.body;
        if (whole) range.load('text');
        keep(range, null);
        await context.sync();
        return { text: toAppText(range.text), whole };
      });
    },

    async applyFix(change, marking) {
      if (!kept) return false;
      return withKept((context, range) =>
        changeIn(context, range, change, supports('1.3'), (batch, pieces) => authorship.wrap(batch, pieces, marking)),
      );
    },

    async applyRewrite(changes, rewritten, marking) {
      return withKept(async (context, range) => {
        range.load('text');
        await context.sync();
        const plans = planRewrite(toAppText(range.text), changes);
        if (plans) {
          const found = plans.map((plan) => search(range, plan));
          await context.sync();
          const places = plans.map((plan, i) => target(plan, found[i], supports('1.3')));
          if (places.every(Boolean)) {
            const inserted = places.map((place, i) => apply(/** @type {Word.Range} */ (place), plans[i]));
            await context.sync();
            // The new words of each edit, and only those, are marked.
            const pieces = plans.flatMap((plan, i) => (inserted[i] ? [{ range: /** @type {Word.Range} */ (inserted[i]), text: plan.text }] : []));
            await authorship.wrap(context, pieces, marking);
            return 'edits';
          }
        }
        // Replacing a Body's text answers a Range: from here on the kept object is a Range.
        const replaced = range.insertText(rewritten, 'Replace');
        keep(replaced, range);
        await context.sync();
        await authorship.wrap(context, [{ range: replaced, text: rewritten }], marking);
        return 'whole';
      });
    },

    async insertBelow(text, marking) {
      await withKept(async (context, range) => {
        // Only a Body takes paragraphs at its 'End'; a Range, and each new paragraph, take them
        // 'After' themselves (Word.Range.insertParagraph: 'Before' | 'After'). The kind is asked
        // of the object, so a Body replaced by a Range (a rewrite applied whole) cannot disagree.
        const [first, ...rest] = text.split('\n');
        let last = range instanceof Word.Body ? range.insertParagraph(first, 'End') : range.insertParagraph(first, 'After');
        const pieces = [{ range: last, text: first }];
        for (const line of rest) {
          last = last.insertParagraph(line, 'After');
          pieces.push({ range: last, text: line });
        }
        await context.sync();
        await authorship.wrap(context, pieces, marking);
      });
    },

    async loadSettings() {
      return settings.load();
    },

    async saveSettings(values) {
      settings.save(values);
    },

    markIssues: undefined,
    clearMarks: undefined,

    async setTrackChanges(on) {
      if (!supports('1.4')) return false;
      return Word.run(async (context) => {
        const document = context.document;
        document.load('changeTrackingMode');
        await context.sync();
        // Turn tracking on only where it was off, and off only where we turned it on:
        // the writer's own setting is theirs.
        if (on && document.changeTrackingMode === 'Off') {
          document.changeTrackingMode = 'TrackAll';
          trackingTurnedOn = true;
        } else if (!on && trackingTurnedOn) {
          document.changeTrackingMode = 'Off';
          trackingTurnedOn = false;
        }
        await context.sync();
        return true;
      });
    },
  };

  host.live = createWordLive({ supports, made: authorship.wrap });
  host.authorship = { read: authorship.read, select: authorship.select, remove: authorship.remove, fallbacks: authorship.fallbacks };

  if (supports('1.7')) {
    const marks = createMarks({ withKept, popup: supports('1.8') });
    host.clearMarks = marks.clearMarks;
    host.markIssues = async (issues, choose) => {
      const drawn = await marks.markIssues(issues, choose);
      // Word refused as it does without Microsoft 365: cards only for the rest of the session.
      if (!drawn) host.markIssues = undefined;
      return drawn;
    };
  }

  return host;
}

/**
 * Office's theme colours, where this Office has them (Office.context.officeTheme).
 * @returns {import('./host.js').Theme|undefined}
 */
function officeTheme() {
  const theme = Office.context.officeTheme;
  if (!theme?.bodyBackgroundColor) return undefined;
  return { background: theme.bodyBackgroundColor, foreground: theme.bodyForegroundColor };
}
