// @ts-check
/**
 * The one interface every host adapter implements (Word, Google Docs, a plain browser page).
 * app.js talks only to this; it never asks which host it runs in.
 *
 * Offsets are UTF-16 code units (JavaScript string indices), counted in the text that
 * `read()` returned, as the pane has changed it since through `applyFix`.
 *
 * @typedef {Object} Selection
 * @property {string} text   The selected text, or the whole document when nothing was selected.
 *                           Paragraphs are joined with "\n" (Word's "\r" becomes "\n").
 * @property {boolean} whole True when nothing was selected and the whole document was read.
 *
 * @typedef {Object} Change  One replacement inside the text last read.
 * @property {number} start       UTF-16 offset where the replaced text starts.
 * @property {number} end         UTF-16 offset where it ends (start for a pure insertion).
 * @property {string} expected    The text that must be there now; when it is not (the writer
 *                                has changed it), the host changes nothing and answers false.
 * @property {string} replacement The new text.
 *
 * @typedef {Object} Issue  An issue as /v1/check and /v1/improve return it (see the README).
 * @property {string} id
 * @property {string} rule_id
 * @property {string} category        correctness | clarity | style
 * @property {string} message
 * @property {string} text
 * @property {number} utf16_offset
 * @property {number} utf16_length
 * @property {string[]} replacements
 *
 * @typedef {Object} Settings  What the pane keeps per user: {dictionary, disabledRules, ...}.
 * @typedef {Record<string, unknown>} SettingsValues
 *
 * @typedef {Object} Theme  The host's own colours (Office's theme), as CSS colours.
 * @property {string} background
 * @property {string} foreground
 *
 * @typedef {Object} Host
 * @property {'word'|'gdocs'|'browser'|'outlook'} name
 * @property {string|undefined} language  The host's display language (BCP 47), if it knows one.
 * @property {Theme|undefined} [theme]   The host's theme, when it has one (else the system's).
 * @property {typeof fetch|undefined} [transport]  How to reach the server when not by fetch
 *   (Google Docs' server-side mode goes through Apps Script's UrlFetchApp).
 * @property {() => Promise<Selection>} read  Read the selection (or the whole document).
 * @property {(change: Change) => Promise<boolean>} applyFix
 *   Replace one range of the text last read, at that place only; false if `expected` is gone.
 * @property {(changes: Change[], rewritten: string) => Promise<'edits'|'whole'>} applyRewrite
 *   Apply a rewrite as its word-level edits (offsets in the text last read, in order, not
 *   overlapping), so formatting on unchanged words survives. When an edit cannot be located,
 *   replace the whole selection with `rewritten` instead and answer 'whole'.
 * @property {(text: string) => Promise<void>} insertBelow  Insert text after the selection.
 * @property {() => Promise<SettingsValues>} loadSettings   This user's saved settings ({} if none).
 * @property {(values: SettingsValues) => Promise<void>} saveSettings
 * @property {((issues: Issue[], onChoose: (issueId: string, replacement: string) => void) => Promise<void>)|undefined} markIssues
 *   Optional: show issues in the document itself (Word's critique annotations).
 * @property {(() => Promise<void>)|undefined} clearMarks  Optional: remove what markIssues drew.
 * @property {Record<string, string>} [wording]  Optional: string-table keys this host says with
 *   other keys (a mail is not "your document").
 * @property {boolean} [checkOnOpen]  Optional: check at once when the pane opens (Outlook's send
 *   check opened it on the issues it found).
 * @property {((on: boolean) => Promise<boolean>)|undefined} setTrackChanges
 *   Optional: make the pane's edits tracked changes; answers whether the host supports it.
 */

export {};
