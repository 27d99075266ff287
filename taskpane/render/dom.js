// @ts-check
/**
 * Building DOM without markup strings: text always goes in as text (textContent), so words
 * from a document can never become elements or scripts.
 */

/**
 * @typedef {(event: never) => void} Listener  A listener for the event its `on*` name says
 *   (onkeydown: a KeyboardEvent), which is what the element calls it with.
 * @typedef {Record<string, string|number|boolean|null|undefined|Listener>} Attributes
 * @typedef {Node|string|null|undefined|false} Child
 */

/**
 * Create an element: `on*` attributes become listeners, `class` the class name, booleans
 * toggle the attribute, everything else is set as an attribute.
 * @param {string} tag
 * @param {Attributes} [attributes]
 * @param {...(Child|Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    else if (name === 'class') element.className = String(value);
    else if (name === 'value') /** @type {HTMLInputElement} */ (element).value = String(value);
    else if (name === 'checked') /** @type {HTMLInputElement} */ (element).checked = Boolean(value);
    else if (name === 'open') /** @type {HTMLDetailsElement} */ (element).open = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/**
 * Replace `root`'s children with what `draw` builds, keeping the keyboard focus (and a text
 * field's caret or selection) on the element with the same `data-key` when it is drawn again.
 * `draw` runs after the focus is noted: building may move an element that is drawn again (a
 * card kept from the last draw) out of the page, which takes the focus from it.
 * @param {HTMLElement} root
 * @param {() => Child[]} draw
 */
export function redraw(root, draw) {
  const active = /** @type {HTMLElement|null} */ (document.activeElement);
  const key = active && root.contains(active) ? active.dataset.key : undefined;
  // A text field keeps its caret, or what is selected in it (the report shown to copy by hand).
  const field = active && 'selectionStart' in active ? /** @type {HTMLInputElement} */ (active) : null;
  const caret = field ? field.selectionStart : null;
  const caretEnd = field ? field.selectionEnd : null;
  // A card can go while the keyboard is on it (a new check found its issue changed): the
  // focus then moves to the card now in its place, never back to the page.
  const cards = [...root.querySelectorAll('li.card')];
  const cardIndex = active ? cards.findIndex((card) => card.contains(active)) : -1;
  const children = draw();
  root.replaceChildren(...children.filter((child) => child !== null && child !== undefined && child !== false).map(
    (child) => (typeof child === 'string' ? document.createTextNode(child) : /** @type {Node} */ (child)),
  ));
  if (!key) return;
  let again = /** @type {HTMLElement|null} */ (root.querySelector(`[data-key="${CSS.escape(key)}"]`));
  if (!again && cardIndex >= 0) {
    const now = root.querySelectorAll('li.card');
    again = now.length ? /** @type {HTMLElement|null} */ (now[Math.min(cardIndex, now.length - 1)].querySelector('button')) : null;
  }
  if (!again) return;
  again.focus({ preventScroll: true });
  if (caret !== null && 'setSelectionRange' in again) {
    try {
      /** @type {HTMLInputElement} */ (again).setSelectionRange(caret, caretEnd ?? caret);
    } catch {
      // range inputs have no caret
    }
  }
}
