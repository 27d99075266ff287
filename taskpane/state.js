// @ts-check
/**
 * The pane's state and the pure steps that change it. Nothing here touches the DOM,
 * the server or a host, so every step runs under Node's test runner.
 *
 * @typedef {import('./hosts/host.js').Issue} Issue
 * @typedef {{utf16_offset: number, utf16_length: number, original: string, replacement: string}} Edit
 * @typedef {{kind: string, title: string, text: string}} Idea
 * @typedef {{code: string, message: string}} Warning
 * @typedef {import('./authorship/marks.js').Provenance} Provenance
 */

export const CATEGORIES = /** @type {const} */ (['correctness', 'clarity', 'style']);
export const IDEA_KINDS = /** @type {const} */ (['continue', 'expand', 'questions', 'counterpoint', 'examples', 'headline', 'outline']);

/** A new pane: nothing checked yet. */
export function initialState() {
  return {
    /** @type {'issues'|'rewrite'|'ideas'|'authorship'} */
    tab: 'issues',
    /** @type {null | {key: string, cancel: () => void}} what the pane is waiting for */
    busy: null,
    /** @type {null | {key: string, params: Record<string, string|number>, retry: null | (() => void)}} */
    error: null,
    /** @type {null | {key: string, params?: Record<string, string|number>}} the latest short message */
    notice: null,
    /** @type {null | {text: string, whole: boolean}} the text last read, as the pane has changed it */
    doc: null,
    /**
     * Which issues the cards show while checking as you write: the whole document's, or
     * those of the selection Improve was pressed on.
     * @type {'document'|'selection'}
     */
    view: 'document',
    live: {
      /** @type {'on'|'off'|'disabled'} what the server allows (GET /v1/info) */
      server: /** @type {'on'|'off'|'disabled'} */ ('on'),
      /** @type {import('./live/checker.js').LiveStatus} */
      status: { state: 'off' },
      /** @type {Provenance|null} who wrote the suggestions of checks as you write */
      provenance: /** @type {Provenance|null} */ (null),
    },
    /** @type {Issue[]} */
    issues: [],
    /** @type {Provenance|null} who wrote the last check's suggestions (which rules are the model's) */
    checkProvenance: /** @type {Provenance|null} */ (null),
    /** @type {Set<string>} occurrences ignored this session (see occurrenceKey) */
    ignored: new Set(),
    /** @type {null | {kind: 'check'|'rewrite', whole: boolean, engine: string, degraded: boolean, warnings: Warning[], incomplete: boolean, parts: number}} */
    outcome: null,
    /** @type {{name: string, description: string}[]} */
    tones: [],
    rewrite: {
      /** @type {string|null} */
      tone: null,
      formality: 0,
      /** @type {'shorter'|'same'|'longer'} */
      length: 'same',
      instruction: '',
      /** @type {string|null} the rewrite as it streams in */
      streaming: null,
      /**
       * The rewrite shown, with who wrote it and in which tone it was asked.
       * @type {null | {source: string, rewritten: string, edits: Edit[], warnings: Warning[], provenance: Provenance|null, tone: string|null}}
       */
      preview: null,
    },
    ideas: {
      /** @type {Set<string>} */
      kinds: new Set(['continue', 'questions', 'examples']),
      /** @type {Idea[]|null} */
      items: null,
      /** @type {Provenance|null} who wrote the ideas shown */
      provenance: /** @type {Provenance|null} */ (null),
    },
    authorship: {
      /** @type {'removable'|'required'} whether the organisation lets writers remove marks (GET /v1/info) */
      marks: /** @type {'removable'|'required'} */ ('removable'),
      /** @type {import('./authorship/marks.js').Reading|null} the marks as last read; null: read again */
      reading: /** @type {import('./authorship/marks.js').Reading|null} */ (null),
      /** Remove marks was pressed: the pane asks before it removes them. */
      confirming: false,
      /** @type {string|null} the report, shown to copy by hand when the clipboard refused it */
      report: /** @type {string|null} */ (null),
    },
    settings: {
      /** @type {string[]} */
      dictionary: [],
      /** @type {string[]} */
      disabledRules: [],
      trackChanges: false,
      apiKey: '',
      /** @type {boolean|null} checking as you write; null: as the server says */
      liveCheck: /** @type {boolean|null} */ (null),
    },
    settingsOpen: false,
    /** @type {Set<string>} issue groups the writer has folded */
    collapsed: new Set(),
    /** @type {Set<string>} issue groups shown in full (long ones show their first cards) */
    expanded: new Set(),
    /** @type {string|null} the card whose words the writer clicked in the document */
    revealed: /** @type {string|null} */ (null),
  };
}

/** @typedef {ReturnType<typeof initialState>} State */

/**
 * What identifies one occurrence across re-checks: the rule, the words and their sentence.
 * @param {string} text @param {Issue} issue
 */
export function occurrenceKey(text, issue) {
  const { before, after } = sentenceAround(text, issue.utf16_offset, issue.utf16_offset + issue.utf16_length);
  return `${issue.rule_id}\u0000${before}\u0000${issue.text}\u0000${after}`;
}

/**
 * The issues the writer still wants to see: not ignored, not of an ignored rule, not a
 * spelling issue on a word of their dictionary (found before they added it).
 * @template {Issue} I
 * @param {I[]} issues @param {string} text @param {Set<string>} ignored @param {string[]} disabledRules
 * @param {string[]} [dictionary]
 * @returns {I[]}
 */
export function visibleIssues(issues, text, ignored, disabledRules, dictionary = []) {
  const rules = new Set(disabledRules);
  const words = new Set(dictionary);
  return issues.filter(
    (issue) =>
      !rules.has(issue.rule_id) &&
      !(words.has(issue.text) && isSpelling(issue)) &&
      !ignored.has(occurrenceKey(text, issue)),
  );
}

/** Whether an issue is a spelling issue (its word can go in the dictionary). @param {Issue} issue */
export function isSpelling(issue) {
  return issue.rule_id.endsWith('SpellCheck') || /spell/i.test(issue.kind || '');
}

/**
 * Issues by category, in document order inside each.
 * @param {Issue[]} issues
 * @returns {Record<typeof CATEGORIES[number], Issue[]>}
 */
export function groupIssues(issues) {
  const groups = { correctness: /** @type {Issue[]} */ ([]), clarity: /** @type {Issue[]} */ ([]), style: /** @type {Issue[]} */ ([]) };
  for (const issue of issues) (groups[/** @type {keyof typeof groups} */ (issue.category)] ?? groups.style).push(issue);
  return groups;
}

/**
 * After `replacement` took the place of [start, end): drop the issues that touched that
 * range, move the ones after it by the change in length.
 * @param {Issue[]} issues @param {number} start @param {number} end @param {string} replacement
 * @returns {Issue[]}
 */
export function shiftIssues(issues, start, end, replacement) {
  const delta = replacement.length - (end - start);
  const kept = [];
  for (const issue of issues) {
    const issueEnd = issue.utf16_offset + issue.utf16_length;
    if (issueEnd <= start && !(issue.utf16_length === 0 && issue.utf16_offset === start)) kept.push(issue);
    else if (issue.utf16_offset >= end && !(issue.utf16_offset === end && start === end)) {
      kept.push({ ...issue, utf16_offset: issue.utf16_offset + delta });
    }
  }
  return kept;
}

/**
 * The text with [start, end) replaced.
 * @param {string} text @param {number} start @param {number} end @param {string} replacement
 */
export function spliceText(text, start, end, replacement) {
  return text.slice(0, start) + replacement + text.slice(end);
}

/**
 * Whether the document already holds a change that the host's own UI may have made (Word's
 * pop-up replaces the words itself on the web and on Windows, not on Mac): the paragraph that
 * holds [start, end) in the pane's copy `text`, against the same paragraph in `current`, the
 * document's text now. 'made': the paragraph holds `replacement` there; 'pending': it still
 * holds the old words; 'stale': anything else (the writer changed it).
 * @param {string} text @param {string} current
 * @param {number} start @param {number} end @param {string} replacement
 * @returns {'made'|'pending'|'stale'}
 */
export function changeSeen(text, current, start, end, replacement) {
  const from = start > 0 ? text.lastIndexOf('\n', start - 1) + 1 : 0;
  const before = text.slice(from, lineEnd(text, end));
  const after = spliceText(before, start - from, end - from, replacement);
  if (from > 0 && current[from - 1] !== '\n') return 'stale';
  const now = current.slice(from, lineEnd(current, from));
  if (now === after) return 'made';
  return now === before ? 'pending' : 'stale';
}

/** Where the paragraph holding `at` ends (its "\n", or the text's end). @param {string} text @param {number} at */
function lineEnd(text, at) {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end;
}

const SENTENCE_END = /[.!?。！？\n]/;
const CONTEXT_CHARS = 60;

/**
 * The flagged words with the rest of their sentence around them, trimmed to a short window.
 * @param {string} text @param {number} start @param {number} end
 * @returns {{before: string, flagged: string, after: string}}
 */
export function sentenceAround(text, start, end) {
  let from = start;
  while (from > 0 && start - from < CONTEXT_CHARS && !SENTENCE_END.test(text[from - 1])) from -= 1;
  let to = end;
  while (to < text.length && to - end < CONTEXT_CHARS && !SENTENCE_END.test(text[to])) to += 1;
  if (to < text.length && text[to] !== '\n' && to - end < CONTEXT_CHARS) to += 1;
  // Never start or end the window inside an emoji's surrogate pair.
  if (isLowSurrogate(text.charCodeAt(from)) && from < start) from += 1;
  if (isLowSurrogate(text.charCodeAt(to)) && to > end) to -= 1;
  let before = text.slice(from, start).trimStart();
  let after = text.slice(end, to).trimEnd();
  if (from > 0 && !SENTENCE_END.test(text[from - 1])) before = `…${before}`;
  if (to < text.length && !SENTENCE_END.test(text[to - 1])) after = `${after}…`;
  return { before, flagged: text.slice(start, end), after };
}

/** @param {number} code */
function isLowSurrogate(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The rewrite as a diff: runs of unchanged, deleted and inserted text, from the edits.
 * @param {string} source @param {Edit[]} edits in order, not overlapping
 * @returns {{type: 'same'|'del'|'ins', text: string}[]}
 */
export function diffRuns(source, edits) {
  /** @type {{type: 'same'|'del'|'ins', text: string}[]} */
  const runs = [];
  let at = 0;
  for (const edit of edits) {
    if (edit.utf16_offset > at) runs.push({ type: 'same', text: source.slice(at, edit.utf16_offset) });
    if (edit.utf16_length > 0) runs.push({ type: 'del', text: source.slice(edit.utf16_offset, edit.utf16_offset + edit.utf16_length) });
    if (edit.replacement) runs.push({ type: 'ins', text: edit.replacement });
    at = edit.utf16_offset + edit.utf16_length;
  }
  if (at < source.length) runs.push({ type: 'same', text: source.slice(at) });
  return runs;
}

/**
 * Add a word to a list without repeats, keeping it sorted for the settings view.
 * @param {string[]} list @param {string} item
 */
export function withItem(list, item) {
  return list.includes(item) ? list : [...list, item].sort((a, b) => a.localeCompare(b));
}

/** @param {string[]} list @param {string} item */
export function withoutItem(list, item) {
  return list.filter((entry) => entry !== item);
}

/**
 * The saved settings, from whatever a host had stored (missing or malformed fields default).
 * @param {Record<string, unknown>} saved
 * @returns {State['settings']}
 */
export function settingsFrom(saved) {
  const strings = (/** @type {unknown} */ value) =>
    Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
  return {
    dictionary: strings(saved.dictionary),
    disabledRules: strings(saved.disabledRules),
    trackChanges: saved.trackChanges === true,
    apiKey: typeof saved.apiKey === 'string' ? saved.apiKey : '',
    liveCheck: typeof saved.liveCheck === 'boolean' ? saved.liveCheck : null,
  };
}

/** A short, readable name for a rule id ("harper.SpellCheck" → "Spell check"). @param {string} ruleId */
export function ruleName(ruleId) {
  const last = ruleId.split('.').pop() || ruleId;
  const words = last.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
