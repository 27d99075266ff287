// @ts-check
/**
 * The browser host: a text area on the page stands in for the document. It is the page a
 * newcomer opens first, and the host the browser tests drive.
 *
 * Every change the pane makes goes through the browser's own editing (execCommand), so the
 * writer's undo and redo take it back like their own typing; the writer's caret stays where
 * it was, moved by the change.
 *
 * The text Penwise wrote is marked (browser_ranges.js): the marks are kept with the draft in
 * the page's storage and follow the text as the writer edits it.
 */
import { createMarks } from './browser_marks.js';
import { followEdit, lineAt, linesOf, startOf } from './browser_lines.js';
import { addMark, followText, marksFrom, passagesIn } from './browser_ranges.js';
import { charCount, withChars } from '../authorship/marks.js';

const SETTINGS_KEY = 'penwise.settings';
const DRAFT_KEY = 'penwise.draft';
/** The marks of who wrote what, kept with the draft: {length, marks}. */
const MARKS_KEY = 'penwise.marks';
/** The draft is saved this long after the last keystroke (a long text costs a write). */
const SAVE_AFTER_MS = 300;

/**
 * @param {{container: HTMLElement, t: (key: string) => string, storage?: Storage}} options
 * @returns {import('./host.js').Host}
 */
export function createBrowserHost({ container, t, storage = window.localStorage }) {
  const label = document.createElement('label');
  label.className = 'document-label';
  label.htmlFor = 'document-text';
  label.textContent = t('document.label');
  const editor = document.createElement('div');
  editor.className = 'editor';
  const area = document.createElement('textarea');
  area.id = 'document-text';
  area.className = 'document-text';
  area.spellcheck = false;
  area.placeholder = t('document.placeholder');
  area.value = storage.getItem(DRAFT_KEY) ?? '';
  editor.append(area);
  container.replaceChildren(label, editor);
  container.hidden = false;
  const marks = createMarks(area, editor);

  /** The text area's lines, with ids that follow them through edits. */
  const lines = linesOf(area.value);
  let known = area.value;
  /** @type {import('./browser_ranges.js').Marked[]} The passages Penwise wrote. */
  let written = marksFrom(parseJson(storage.getItem(MARKS_KEY)), area.value);
  let marked = 0;
  /** @type {ReturnType<typeof setTimeout>|undefined} */
  let saving;
  let composing = false;
  /** @type {null | ((how: {composing: boolean}) => void)} */
  let onEdit = null;

  const saveDraft = () => {
    clearTimeout(saving);
    saving = undefined;
    storage.setItem(DRAFT_KEY, area.value);
    storage.setItem(MARKS_KEY, JSON.stringify({ length: area.value.length, marks: written }));
  };
  area.addEventListener('input', () => {
    followEdit(lines, known, area.value);
    if (written.length) written = followText(written, known, area.value);
    known = area.value;
    clearTimeout(saving);
    saving = setTimeout(saveDraft, SAVE_AFTER_MS);
    onEdit?.({ composing });
  });
  // Leaving the page keeps what was typed in its last moments too.
  window.addEventListener('pagehide', () => saving !== undefined && saveDraft());
  area.addEventListener('compositionstart', () => (composing = true));
  area.addEventListener('compositionend', () => {
    composing = false;
    onEdit?.({ composing });
  });

  /** Where the text last read starts in the text area (0 when the whole text was read). */
  let base = 0;
  /** Where it ends, moved by every change the pane makes. */
  let end = 0;

  /**
   * Replace [from, to) with `text` as an edit of the writer's own (undoable), keeping their
   * caret, their scroll position and the pane's focus.
   * @param {number} from @param {number} to @param {string} text
   */
  const replace = (from, to, text) => {
    const focused = document.activeElement;
    const { selectionStart, selectionEnd, selectionDirection, scrollTop } = area;
    area.focus({ preventScroll: true });
    area.setSelectionRange(from, to);
    const edited = document.execCommand(text ? 'insertText' : 'delete', false, text);
    if (!edited) {
      area.setRangeText(text, from, to, 'end');
      area.dispatchEvent(new Event('input'));
    }
    const delta = text.length - (to - from);
    const moved = (/** @type {number} */ at) => (at >= to ? at + delta : Math.min(at, from + text.length));
    area.setSelectionRange(moved(selectionStart), moved(selectionEnd), selectionDirection);
    area.scrollTop = scrollTop;
    if (focused instanceof HTMLElement && focused !== area) focused.focus({ preventScroll: true });
  };

  /**
   * Mark `text`, just put at `from`, as Penwise's (when the pane asked), and keep the marks.
   * @param {number} from @param {string} text @param {import('./host.js').Marking} [marking]
   */
  const mark = (from, text, marking) => {
    if (!marking || !text) return;
    marked += 1;
    written = addMark(written, `p${Date.now().toString(36)}-${marked}`, withChars(marking.mark, text), from, from + text.length);
    saveDraft();
  };

  return {
    name: 'browser',
    documentOnPage: true,
    language: undefined,
    async read() {
      const { selectionStart, selectionEnd, value } = area;
      const whole = selectionStart === selectionEnd;
      base = whole ? 0 : selectionStart;
      end = whole ? value.length : selectionEnd;
      return { text: value.slice(base, end), whole };
    },
    async applyFix({ start, end: stop, expected, replacement }, marking) {
      if (area.value.slice(base + start, base + stop) !== expected) return false;
      replace(base + start, base + stop, replacement);
      mark(base + start, replacement, marking);
      end += replacement.length - (stop - start);
      return true;
    },
    async applyRewrite(changes, rewritten, marking) {
      const located = changes.every((change) => area.value.slice(base + change.start, base + change.end) === change.expected);
      if (!located) {
        replace(base, end, rewritten);
        mark(base, rewritten, marking);
        end = base + rewritten.length;
        return 'whole';
      }
      for (const change of [...changes].reverse()) {
        replace(base + change.start, base + change.end, change.replacement);
        mark(base + change.start, change.replacement, marking);
      }
      end = base + rewritten.length;
      return 'edits';
    },
    async insertBelow(text, marking) {
      const at = end;
      const before = area.value.slice(0, at);
      const glue = before === '' || before.endsWith('\n') ? '' : '\n';
      replace(at, at, `${glue}${text}\n`);
      mark(at + glue.length, text, marking);
    },
    async loadSettings() {
      return parseJson(storage.getItem(SETTINGS_KEY)) ?? {};
    },
    async saveSettings(values) {
      storage.setItem(SETTINGS_KEY, JSON.stringify(values));
    },
    markIssues: undefined,
    clearMarks: undefined,
    setTrackChanges: undefined,

    authorship: {
      async read() {
        const { selectionStart, selectionEnd, value } = area;
        const whole = selectionStart === selectionEnd;
        const [from, to] = whole ? [0, value.length] : [selectionStart, selectionEnd];
        return { scope: whole ? 'document' : 'selection', total: charCount(value.slice(from, to)), passages: passagesIn(written, value, from, to) };
      },
      async select(id) {
        const passage = written.find((candidate) => candidate.id === id);
        if (!passage) return false;
        area.focus();
        area.setSelectionRange(passage.ranges[0][0], passage.ranges[passage.ranges.length - 1][1]);
        return true;
      },
      async remove() {
        written = [];
        saveDraft();
      },
    },

    live: {
      pauseMs: 500,
      underlines: true,
      watch({ edited, reveal }) {
        onEdit = edited;
        const onClick = () => {
          if (area.selectionStart !== area.selectionEnd) return;
          const line = lineAt(lines.texts, area.selectionStart);
          const id = lines.ids[line.index];
          const issue = marks.issueAt(id, area.selectionStart - line.start);
          if (issue) reveal(id, issue.id);
        };
        area.addEventListener('click', onClick);
        return () => {
          onEdit = null;
          area.removeEventListener('click', onClick);
        };
      },
      async read() {
        const focus = lines.ids[lineAt(lines.texts, area.selectionStart).index];
        return { order: [...lines.ids], texts: new Map(lines.ids.map((id, i) => [id, lines.texts[i]])), focus };
      },
      async applyFix(id, change, marking) {
        const start = startOf(lines, id);
        if (start < 0 || area.value.slice(start + change.start, start + change.end) !== change.expected) return false;
        replace(start + change.start, start + change.end, change.replacement);
        mark(start + change.start, change.replacement, marking);
        return true;
      },
      async mark(given) {
        marks.mark(lines, given);
      },
      async unmark() {
        marks.clear();
      },
      highlight(issueId) {
        marks.highlight(issueId);
      },
    },
  };
}

/** A stored JSON value, or null when there is none or it is not JSON. @param {string|null} text */
function parseJson(text) {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}
