// @ts-check
/**
 * The browser host: a text area on the page stands in for the document. It is the page a
 * newcomer opens first, and the host the browser tests drive.
 */

const SETTINGS_KEY = 'penwise.settings';
const DRAFT_KEY = 'penwise.draft';

/**
 * @param {{container: HTMLElement, t: (key: string) => string, storage?: Storage}} options
 * @returns {import('./host.js').Host}
 */
export function createBrowserHost({ container, t, storage = window.localStorage }) {
  const label = document.createElement('label');
  label.className = 'document-label';
  label.htmlFor = 'document-text';
  label.textContent = t('document.label');
  const area = document.createElement('textarea');
  area.id = 'document-text';
  area.className = 'document-text';
  area.spellcheck = false;
  area.placeholder = t('document.placeholder');
  area.value = storage.getItem(DRAFT_KEY) ?? '';
  area.addEventListener('input', () => storage.setItem(DRAFT_KEY, area.value));
  container.replaceChildren(label, area);
  container.hidden = false;

  /** Where the text last read starts in the text area (0 when the whole text was read). */
  let base = 0;
  /** Where it ends, moved by every change the pane makes. */
  let end = 0;

  /** @param {number} from @param {number} to @param {string} text */
  const replace = (from, to, text) => {
    area.setRangeText(text, from, to, 'preserve');
    storage.setItem(DRAFT_KEY, area.value);
  };

  return {
    name: 'browser',
    language: undefined,
    async read() {
      const { selectionStart, selectionEnd, value } = area;
      const whole = selectionStart === selectionEnd;
      base = whole ? 0 : selectionStart;
      end = whole ? value.length : selectionEnd;
      return { text: value.slice(base, end), whole };
    },
    async applyFix({ start, end: stop, expected, replacement }) {
      if (area.value.slice(base + start, base + stop) !== expected) return false;
      replace(base + start, base + stop, replacement);
      end += replacement.length - (stop - start);
      return true;
    },
    async applyRewrite(changes, rewritten) {
      const located = changes.every((change) => area.value.slice(base + change.start, base + change.end) === change.expected);
      if (!located) {
        replace(base, end, rewritten);
        end = base + rewritten.length;
        return 'whole';
      }
      for (const change of [...changes].reverse()) replace(base + change.start, base + change.end, change.replacement);
      end = base + rewritten.length;
      return 'edits';
    },
    async insertBelow(text) {
      const at = end;
      const before = area.value.slice(0, at);
      const glue = before === '' || before.endsWith('\n') ? '' : '\n';
      replace(at, at, `${glue}${text}\n`);
    },
    async loadSettings() {
      try {
        return JSON.parse(storage.getItem(SETTINGS_KEY) || '{}');
      } catch {
        return {};
      }
    },
    async saveSettings(values) {
      storage.setItem(SETTINGS_KEY, JSON.stringify(values));
    },
    markIssues: undefined,
    clearMarks: undefined,
    setTrackChanges: undefined,
  };
}
