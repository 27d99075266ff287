// @ts-check
/**
 * Underlines in the browser page's text area, drawn on a layer behind it. The text area
 * stays an ordinary text area: the marks never touch its text, so the caret, undo and redo,
 * spell-as-you-type IMEs and copy and paste work as in any text field. The layer holds the
 * same text in the same font, wrapped the same way, in transparent ink, with the flagged
 * words underlined; it scrolls with the text area.
 *
 * It is drawn line by line, each line keyed by its id: a keystroke redraws one line, a check's
 * answer the lines it changed, never the whole text. A line's marks are replaced as a whole
 * (a new array), so an unchanged line is told by identity, without comparing its text.
 *
 * @typedef {import('./host.js').Issue} Issue
 * @typedef {import('./browser_lines.js').Lines} Lines
 */

/** What the layer copies from the text area so its text wraps exactly the same. */
const MIRRORED = [
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'line-height',
  'letter-spacing', 'word-spacing', 'text-indent', 'text-transform', 'tab-size', 'padding-top',
  'padding-bottom', 'padding-left', 'padding-right', 'direction',
];

/**
 * Put a layer of marks behind `area` (which must sit in `editor`, a positioned box).
 * @param {HTMLTextAreaElement} area @param {HTMLElement} editor
 */
export function createMarks(area, editor) {
  const layer = document.createElement('div');
  layer.className = 'marks';
  layer.setAttribute('aria-hidden', 'true');
  const sheet = document.createElement('div');
  sheet.className = 'marks-text';
  layer.append(sheet);
  editor.prepend(layer);

  /** @type {Map<string, {element: HTMLElement, text: string, issues: Issue[]|undefined}>} */
  const drawn = new Map();
  /** @type {Map<string, Issue[]>} the marks of each line, as last given */
  const marks = new Map();

  function fit() {
    const style = getComputedStyle(area);
    for (const property of MIRRORED) sheet.style.setProperty(property, style.getPropertyValue(property));
    // The text area's scroll bar takes width from its text: the layer gives up the same.
    const bar = area.offsetWidth - area.clientWidth - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    sheet.style.paddingRight = `${parseFloat(style.paddingRight) + Math.max(0, bar)}px`;
    follow();
  }

  function follow() {
    sheet.style.transform = `translate(${-area.scrollLeft}px, ${-area.scrollTop}px)`;
  }

  area.addEventListener('scroll', follow, { passive: true });
  new ResizeObserver(fit).observe(area);
  fit();

  /**
   * Draw the lines whose text or marks changed, and put every line in its place.
   * @param {Lines} lines
   */
  function draw(lines) {
    const present = new Set(lines.ids);
    for (const [id, line] of drawn) {
      if (present.has(id)) continue;
      line.element.remove();
      drawn.delete(id);
    }
    let next = sheet.firstChild;
    lines.ids.forEach((id, index) => {
      const text = lines.texts[index];
      const issues = marks.get(id);
      let line = drawn.get(id);
      if (!line || line.text !== text || line.issues !== issues) {
        const element = lineElement(text, issues ?? []);
        if (line) {
          if (next === line.element) next = next.nextSibling;
          line.element.remove();
        }
        line = { element, text, issues };
        drawn.set(id, line);
      }
      if (line.element === next) next = next.nextSibling;
      else sheet.insertBefore(line.element, next);
    });
    const scrollBarShown = area.scrollHeight > area.clientHeight;
    if (scrollBarShown !== layer.classList.contains('scrolls')) {
      layer.classList.toggle('scrolls', scrollBarShown);
      fit();
    }
  }

  return {
    draw,
    /**
     * Set the marks of some lines (those not named keep theirs), then draw.
     * @param {Lines} lines @param {{id: string, issues: Issue[]}[]} given
     */
    mark(lines, given) {
      for (const { id, issues } of given) marks.set(id, issues);
      draw(lines);
    },
    /** Remove every mark and the layer's text (nothing is marked while live checking is off). */
    clear() {
      marks.clear();
      drawn.clear();
      sheet.replaceChildren();
    },
    /** The issue marked at `offset` of line `id`, if any. @param {string} id @param {number} offset */
    issueAt(id, offset) {
      return (marks.get(id) ?? []).find((issue) => issue.utf16_offset <= offset && offset <= issue.utf16_offset + issue.utf16_length);
    },
    /** Emphasise one issue's words (its card has the pointer or the focus), or none. @param {string|null} issueId */
    highlight(issueId) {
      sheet.querySelector('.ul.active')?.classList.remove('active');
      if (issueId) sheet.querySelector(`[data-issue="${CSS.escape(issueId)}"]`)?.classList.add('active');
    },
  };
}

/**
 * One line of the layer: its text, with each issue's words in an underlined span (an issue
 * that overlaps an earlier one is left to its card).
 * @param {string} text @param {Issue[]} issues
 */
function lineElement(text, issues) {
  const element = document.createElement('div');
  element.className = 'mark-line';
  let at = 0;
  for (const issue of [...issues].sort((a, b) => a.utf16_offset - b.utf16_offset)) {
    const start = issue.utf16_offset;
    const end = start + issue.utf16_length;
    if (start < at || end > text.length || end === start) continue;
    // The spaces an issue takes with its words (a deletion's) are not underlined.
    const flagged = text.slice(start, end);
    const core = flagged.trim() || flagged;
    const lead = flagged.indexOf(core);
    element.append(text.slice(at, start + lead));
    const span = document.createElement('span');
    span.className = `ul ul-${issue.category}`;
    span.dataset.issue = issue.id;
    span.textContent = core;
    element.append(span, flagged.slice(lead + core.length));
    at = end;
  }
  if (at < text.length) element.append(text.slice(at));
  if (!text) element.append(document.createElement('br'));
  return element;
}
