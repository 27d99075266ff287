// @ts-check
/**
 * The Word host (Office.js). It keeps the range it read, tracked, so every later change
 * lands inside that same range; it finds a place by searching the range, since Word's
 * API has no "range at offset", and it refuses a change whose text the writer has since
 * changed.
 *
 * Requirement sets: WordApi 1.1 for reading, searching and inserting; 1.3 for the
 * whole-body range, expandTo (text over 255 characters) and paragraph-relative ranges;
 * 1.4 for tracked changes; 1.7 for critique annotations; 1.8 for their pop-up and its event.
 */
import { planChange, planRewrite, toAppText, SEARCH_OPTIONS } from './word_locate.js';
import { buildCritiques } from './word_critiques.js';
import { availableStorage, createSettingsStore } from './word_settings.js';

/**
 * @typedef {import('./host.js').Host} Host
 * @typedef {import('./host.js').Change} Change
 * @typedef {import('./host.js').Issue} Issue
 * @typedef {import('./word_locate.js').Plan} Plan
 * @typedef {any} WordObject  An Office.js proxy object (Word.Range, Word.Body, ...).
 */

/**
 * Wait for Office, then answer the Word host.
 * @returns {Promise<Host>}
 */
export async function createWordHost() {
  const Office = /** @type {any} */ (globalThis).Office;
  await Office.onReady();
  const Word = /** @type {any} */ (globalThis).Word;
  const supports = (/** @type {string} */ version) =>
    Boolean(Office.context.requirements?.isSetSupported('WordApi', version));
  const settings = createSettingsStore(availableStorage(), Office.context.partitionKey);

  /** @type {WordObject|null} The range last read, tracked; Word.Body where WordApi 1.3 is missing. */
  let kept = null;
  let keptIsBody = false;
  /** @type {Map<string, string>} Annotation id -> issue id, for the annotations this pane inserted. */
  const marks = new Map();
  /** @type {((issueId: string, replacement: string) => void)|null} */
  let onChoose = null;
  let popupHandlerAdded = false;
  let trackingTurnedOn = false;

  /**
   * Run a batch on the kept range, in its own request context.
   * @template T
   * @param {(context: WordObject, range: WordObject) => Promise<T>} batch
   * @returns {Promise<T>}
   */
  function withKept(batch) {
    if (!kept) throw new Error('Word host: read() must come before changes.');
    const range = kept;
    return Word.run(range, (/** @type {WordObject} */ context) => batch(context, range));
  }

  /**
   * Queue one search per piece of each plan, inside range.
   * @param {WordObject} range
   * @param {Plan} plan
   */
  function search(range, plan) {
    return plan.pieces.map((piece) => {
      const found = range.search(piece.search, SEARCH_OPTIONS);
      found.load('items');
      return found;
    });
  }

  /**
   * The range a plan names, once its searches have synced; null when Word's matches do not
   * line up with the text (hidden text, fields), since then the count would pick wrongly.
   * @param {Plan} plan
   * @param {WordObject[]} found
   * @returns {WordObject|null}
   */
  function target(plan, found) {
    const ranges = plan.pieces.map((piece, i) =>
      found[i].items.length === piece.count ? found[i].items[piece.occurrence] : null,
    );
    if (ranges.some((r) => !r)) return null;
    if (ranges.length === 1) return ranges[0];
    return supports('1.3') ? ranges[0].expandTo(ranges[1]) : null;
  }

  /** Queue the change a plan describes on the range found for it. */
  function apply(/** @type {WordObject} */ range, /** @type {Plan} */ plan) {
    if (plan.location === 'Replace' && plan.text === '') range.delete();
    else range.insertText(plan.text, plan.location);
  }

  /** Keep a new range instead of the old one (both in this context). */
  function keep(/** @type {WordObject} */ range, /** @type {WordObject|null} */ old) {
    range.track();
    old?.untrack();
    kept = range;
  }

  /** @type {Host} */
  const host = {
    name: 'word',
    language: Office.context.displayLanguage,
    theme: officeTheme(Office),

    async read() {
      const previous = kept;
      if (previous) {
        await Word.run(previous, async (/** @type {WordObject} */ context) => {
          previous.untrack();
          await context.sync();
        }).catch(() => {}); // The old range may be gone with its text; nothing to free then.
        kept = null;
      }
      return Word.run(async (/** @type {WordObject} */ context) => {
        const selection = context.document.getSelection();
        selection.load('text');
        await context.sync();
        const whole = selection.text.length === 0;
        keptIsBody = whole && !supports('1.3');
        const range = !whole
          ? selection
          : keptIsBody
            ? context.document.body
            : context.document.body.getRange('Whole');
        if (whole) range.load('text');
        keep(range, null);
        await context.sync();
        return { text: toAppText(range.text), whole };
      });
    },

    async applyFix(change) {
      if (!kept) return false;
      return withKept(async (context, range) => {
        range.load('text');
        await context.sync();
        const text = toAppText(range.text);
        if (text.slice(change.start, change.end) !== change.expected) return false;
        const plan = planChange(text, change);
        if (!plan) return false;
        const found = search(range, plan);
        await context.sync();
        const place = target(plan, found);
        if (!place) return false;
        apply(place, plan);
        await context.sync();
        return true;
      });
    },

    async applyRewrite(changes, rewritten) {
      return withKept(async (context, range) => {
        range.load('text');
        await context.sync();
        const plans = planRewrite(toAppText(range.text), changes);
        if (plans) {
          const found = plans.map((plan) => search(range, plan));
          await context.sync();
          const places = plans.map((plan, i) => target(plan, found[i]));
          if (places.every(Boolean)) {
            places.forEach((place, i) => apply(place, plans[i]));
            await context.sync();
            return 'edits';
          }
        }
        keep(range.insertText(rewritten, 'Replace'), range);
        await context.sync();
        return 'whole';
      });
    },

    async insertBelow(text) {
      await withKept(async (context, range) => {
        // A body takes paragraphs at its end; a range, and each new paragraph, after itself.
        const [first, ...rest] = text.split('\n');
        let last = range.insertParagraph(first, keptIsBody ? 'End' : 'After');
        for (const line of rest) last = last.insertParagraph(line, 'After');
        await context.sync();
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
      return Word.run(async (/** @type {WordObject} */ context) => {
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

  if (supports('1.7')) {
    const popup = supports('1.8');

    host.clearMarks = async () => {
      if (!marks.size) return;
      const ids = [...marks.keys()];
      marks.clear();
      await Word.run(async (/** @type {WordObject} */ context) => {
        ids.forEach((id) => context.document.getAnnotationById(id).delete());
        await context.sync();
      }).catch(() =>
        // getAnnotationById throws for one that is gone (accepted, or its text deleted):
        // delete the rest one by one.
        Promise.all(
          ids.map((id) =>
            Word.run(async (/** @type {WordObject} */ context) => {
              context.document.getAnnotationById(id).delete();
              await context.sync();
            }).catch(() => {}),
          ),
        ),
      );
    };

    host.markIssues = async (issues, choose) => {
      await host.clearMarks?.();
      onChoose = choose;
      await withKept(async (context, range) => {
        range.load('text');
        const paragraphs = range.paragraphs;
        paragraphs.load('items');
        // Critique starts count from the paragraph's start; a selection may begin mid-way.
        const lead = paragraphs.getFirst().getRange('Start').expandTo(range.getRange('Start'));
        lead.load('text');
        await context.sync();
        const perParagraph = buildCritiques(toAppText(range.text), issues, {
          lead: lead.text.length,
          popup,
        });
        const inserted = perParagraph.flatMap((paragraphMarks, i) =>
          paragraphMarks.length && i < paragraphs.items.length
            ? [{
                paragraphMarks,
                ids: paragraphs.items[i].insertAnnotations({
                  critiques: paragraphMarks.map((mark) => mark.critique),
                }),
              }]
            : [],
        );
        if (popup && !popupHandlerAdded) {
          context.document.onAnnotationPopupAction.add(onPopupAction);
          popupHandlerAdded = true;
        }
        await context.sync();
        for (const { paragraphMarks, ids } of inserted) {
          ids.value.forEach((/** @type {string} */ id, /** @type {number} */ k) =>
            marks.set(id, paragraphMarks[k].issueId),
          );
        }
      });
    };
  }

  /** A suggestion chosen in an annotation's pop-up applies like a card's button. */
  async function onPopupAction(/** @type {{id: string, action: string, critiqueSuggestion?: string}} */ args) {
    const issueId = marks.get(args.id);
    if (args.action === 'Accept' && issueId !== undefined && args.critiqueSuggestion !== undefined) {
      onChoose?.(issueId, args.critiqueSuggestion);
    }
  }

  return host;
}

/**
 * Office's theme colours, where this Office has them (Office.context.officeTheme).
 * @param {any} Office
 * @returns {import('./host.js').Theme|undefined}
 */
function officeTheme(Office) {
  const theme = Office.context.officeTheme;
  if (!theme?.bodyBackgroundColor) return undefined;
  return { background: theme.bodyBackgroundColor, foreground: theme.bodyForegroundColor };
}
