// @ts-check
/**
 * Who wrote what: the marks Penwise keeps in the document around text it wrote, and the
 * shares they add up to. Pure, so every rule runs under Node's test runner.
 *
 * A mark is made only from what the server said about its answer (`provenance`): the pane
 * never guesses who wrote a text. Text a model wrote is of kind 'model'; text the local
 * engine wrote (a spelling fix, a local tone transform) is of the lighter kind 'edited'.
 * Everything else in the document is "not recorded by Penwise": typed or pasted, which
 * Penwise cannot tell apart and does not pretend to.
 *
 * @typedef {'model'|'edited'} MarkKind
 * @typedef {'rewrite'|'idea'|'fix'} MarkOperation
 *
 * @typedef {Object} Provenance  What the server says about the text of an answer.
 * @property {string} engine
 * @property {string|null} model
 * @property {string|null} prompt_version
 * @property {boolean} generated
 * @property {string[]} model_rules
 *
 * @typedef {Object} Mark  What a host keeps with one passage Penwise wrote.
 * @property {MarkKind} kind
 * @property {string} engine
 * @property {string|null} model
 * @property {string|null} prompt
 * @property {MarkOperation} operation
 * @property {string|null} tone
 * @property {string} at         When the writer accepted it (ISO 8601).
 * @property {number} [chars]    Characters (code points) Penwise put there; the host sets it.
 *
 * @typedef {Object} Passage  A marked passage as the host reads it now.
 * @property {string} id
 * @property {Partial<Mark> & {kind: MarkKind}} mark  Its details may be lost (a copied file).
 * @property {string} text       What is still inside the mark (within the scope read).
 * @property {string[]} [pieces] The same text in the pieces it is now in, where something that is
 *   not this passage's (the writer's typing, a fix inside it) cut it: shown with "…" between.
 * @property {boolean} [comment] Marked with a comment (Word, where no content control fits).
 *
 * @typedef {Object} Reading  The marks of the document, or of the selection.
 * @property {'document'|'selection'} scope
 * @property {number} total      Characters (code points) in the scope.
 * @property {Passage[]} passages In document order.
 */

/**
 * A mark as a document or a page kept it, when it is one of ours: stored data may be damaged
 * or another program's, so anything else is null.
 * @param {unknown} value
 * @returns {(Partial<Mark> & {kind: MarkKind})|null}
 */
export function keptMark(value) {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return null;
  return value.kind === 'model' || value.kind === 'edited' ? /** @type {Partial<Mark> & {kind: MarkKind}} */ (value) : null;
}

/** Characters as a writer counts them: code points, so an emoji is one. @param {string} text */
export function charCount(text) {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) count += 1;
  }
  return count;
}

/** @param {number} code */
function isHigh(code) {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The mark for text of an answer the writer accepted; null when the answer said nothing of
 * who wrote it (an older server): then nothing is recorded.
 * @param {Provenance|null|undefined} provenance @param {MarkOperation} operation
 * @param {string|null} tone @param {Date} [now]
 * @returns {Mark|null}
 */
export function markFor(provenance, operation, tone, now = new Date()) {
  if (!provenance) return null;
  const model = provenance.generated;
  return {
    kind: model ? 'model' : 'edited',
    engine: provenance.engine,
    model: model ? provenance.model : null,
    prompt: model ? provenance.prompt_version : null,
    operation,
    tone,
    at: now.toISOString(),
  };
}

/**
 * The mark for a fix the writer applied: the model's when the answer says the model wrote
 * that rule's replacements (its deep check), else the local engine's lighter kind.
 * @param {Provenance|null|undefined} provenance @param {{rule_id: string}} issue @param {Date} [now]
 * @returns {Mark|null}
 */
export function fixMark(provenance, issue, now = new Date()) {
  if (!provenance) return null;
  const byModel = provenance.model_rules.includes(issue.rule_id);
  return {
    kind: byModel ? 'model' : 'edited',
    engine: byModel ? provenance.engine : 'local',
    model: byModel ? provenance.model : null,
    prompt: byModel ? provenance.prompt_version : null,
    operation: 'fix',
    tone: null,
    at: now.toISOString(),
  };
}

/** A mark for `text` as a host keeps it: with how many characters Penwise put there. @param {Mark} mark @param {string} text */
export function withChars(mark, text) {
  return { ...mark, chars: charCount(text) };
}

/**
 * The characters of a passage that still count: those inside its mark, never more than
 * Penwise put there (in Word and Google Docs, text typed inside a mark joins it).
 * @param {Passage} passage
 */
export function countedChars(passage) {
  const inside = charCount(passage.text);
  const put = passage.mark.chars;
  return typeof put === 'number' && put >= 0 ? Math.min(inside, put) : inside;
}

/**
 * The three shares of a reading, in characters and in whole percentages that add up to 100
 * (largest remainders), or all 0 for an empty scope.
 * @param {Reading} reading
 */
export function shares(reading) {
  const total = Math.max(0, reading.total);
  let model = 0;
  let edited = 0;
  for (const passage of reading.passages) {
    if (passage.mark.kind === 'model') model += countedChars(passage);
    else edited += countedChars(passage);
  }
  model = Math.min(model, total);
  edited = Math.min(edited, total - model);
  const chars = { model, edited, other: total - model - edited };
  return { chars, percent: percentages(chars, total), total };
}

/**
 * Whole percentages of `total` that add up to 100: each rounded down, the points left over
 * going to the largest remainders.
 * @param {{model: number, edited: number, other: number}} chars @param {number} total
 */
export function percentages(chars, total) {
  const keys = /** @type {const} */ (['model', 'edited', 'other']);
  const percent = { model: 0, edited: 0, other: 0 };
  if (total <= 0) return percent;
  const exact = keys.map((key) => (chars[key] * 100) / total);
  keys.forEach((key, i) => (percent[key] = Math.floor(exact[i])));
  let left = 100 - keys.reduce((sum, key) => sum + percent[key], 0);
  const order = keys.map((key, i) => ({ key, rest: exact[i] - Math.floor(exact[i]) })).sort((a, b) => b.rest - a.rest);
  for (const { key } of order) {
    if (left <= 0) break;
    percent[key] += 1;
    left -= 1;
  }
  return percent;
}

/**
 * A passage's words as the writer reads them: its pieces with "…" where something else cut it.
 * @param {Passage} passage
 */
export function passageWords(passage) {
  const pieces = (passage.pieces ?? []).filter(Boolean);
  if (pieces.length < 2) return passage.text;
  return pieces.reduce((shown, piece) => `${shown.trimEnd()} … ${piece.trimStart()}`);
}

/**
 * The models that wrote the passages, each once, with the prompts they ran.
 * @param {Passage[]} passages
 */
export function modelsUsed(passages) {
  /** @type {Map<string, Set<string>>} */
  const models = new Map();
  for (const { mark } of passages) {
    if (mark.kind !== 'model' || !mark.model) continue;
    const prompts = models.get(mark.model) ?? new Set();
    if (mark.prompt) prompts.add(mark.prompt);
    models.set(mark.model, prompts);
  }
  return [...models].map(([name, prompts]) => ({ name, prompts: [...prompts].sort() }));
}

/**
 * The first and last day a passage was accepted (YYYY-MM-DD, UTC), or null when no passage
 * says when.
 * @param {Passage[]} passages
 */
export function dateSpan(passages) {
  const days = passages.map(({ mark }) => (typeof mark.at === 'string' ? mark.at.slice(0, 10) : '')).filter(Boolean).sort();
  return days.length ? { first: days[0], last: days[days.length - 1] } : null;
}
