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
 * @property {string} [kind]          spelling, grammar, ... (the server's finer kind)
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
 * @typedef {(issueId: string, replacement: string, current: string) => void|Promise<void>} Chosen
 *   The writer chose `replacement` for an issue in the document itself (the pop-up on Word's
 *   underline). `current` is the text last read as the document holds it right after: the
 *   host's own UI may already have made the change there (Word on the web and on Windows
 *   does, Word on Mac does not), so the pane applies it only where the old text is still there.
 *
 * @typedef {Object} Host  What a host can do is said by its members (`documentOnPage`, the
 *   optional ones); `name` is for people and records only: never ask it what to do.
 * @property {'word'|'gdocs'|'browser'|'outlook'} name
 * @property {string|undefined} language  The host's display language (BCP 47), if it knows one.
 * @property {boolean} documentOnPage  The document is a text box on the pane's own page,
 *   beside the pane (the browser host), rather than the host's document around the pane: the
 *   page lays the two out side by side, and the pane tells the writer to write there.
 * @property {Theme|undefined} [theme]   The host's theme, when it has one (else the system's).
 * @property {typeof fetch|undefined} [transport]  How to reach the server when not by fetch
 *   (Google Docs' server-side mode goes through Apps Script's UrlFetchApp).
 * @property {string|undefined} [server]  The server's base URL ("/" at the end), when the host
 *   was told it (Google Docs' Code.gs says it); else the pane uses where its modules came from.
 * @property {() => Promise<Selection>} read  Read the selection (or the whole document).
 * @property {(change: Change, marking?: Marking) => Promise<boolean>} applyFix
 *   Replace one range of the text last read, at that place only; false if `expected` is gone.
 * @property {(changes: Change[], rewritten: string, marking?: Marking) => Promise<'edits'|'whole'>} applyRewrite
 *   Apply a rewrite as its word-level edits (offsets in the text last read, in order, not
 *   overlapping), so formatting on unchanged words survives. When an edit cannot be located,
 *   replace the whole selection with `rewritten` instead and answer 'whole'.
 * @property {(text: string, marking?: Marking) => Promise<void>} insertBelow  Insert text after the selection.
 *   A host with `authorship` marks the text each of these three puts in the document when it
 *   is given a `marking` (the new words only: an edit's replacement, never its neighbours).
 * @property {() => Promise<SettingsValues>} loadSettings   This user's saved settings ({} if none).
 * @property {(values: SettingsValues) => Promise<void>} saveSettings
 * @property {((issues: Issue[], onChoose: Chosen) => Promise<boolean>)|undefined} markIssues
 *   Optional: show issues in the document itself (Word's critique annotations). Answers false
 *   when the host found it cannot (Word without Microsoft 365); it then removes this method,
 *   and the pane shows cards only for the rest of the session.
 * @property {(() => Promise<void>)|undefined} clearMarks  Optional: remove what markIssues drew.
 * @property {Record<string, string>} [wording]  Optional: string-table keys this host says with
 *   other keys (a mail is not "your document").
 * @property {boolean} [checkOnOpen]  Optional: check at once when the pane opens (Outlook's send
 *   check opened it on the issues it found).
 * @property {((on: boolean) => Promise<boolean>)|undefined} setTrackChanges
 *   Optional: make the pane's edits tracked changes; answers whether the host supports it.
 * @property {LiveHost} [live]  Optional: what checking as you write needs from the host.
 * @property {AuthorshipHost} [authorship]  Optional: keep marks in the document around the
 *   text Penwise wrote, and read them back for the Authorship view.
 *
 * @typedef {Object} Marking  What to mark around new text: the record the host keeps with it
 *   (see authorship/marks.js) and the label the writer sees where the host shows one (Word's
 *   content control title, its comment).
 * @property {import('../authorship/marks.js').Mark} mark
 * @property {string} label
 *
 * @typedef {Object} AuthorshipHost  The marks of who wrote what, kept in the document itself.
 * @property {() => Promise<import('../authorship/marks.js').Reading>} read
 *   The marks in the selection, or in the whole document when nothing is selected.
 * @property {(id: string) => Promise<boolean>} select  Select a passage's text in the
 *   document; false when it is gone.
 * @property {() => Promise<void>} remove  Take every mark out of the document; the text stays.
 * @property {() => number} [fallbacks]  Optional: how many passages were marked another way
 *   since the last call (Word's comment where a content control cannot go), for the pane to say.
 *
 * @typedef {Object} LiveHost  Checking as you write. Paragraphs are named by the host's own
 *   ids (Word's uniqueLocalId, a Docs paragraph's place, a line's id); offsets inside a
 *   paragraph are UTF-16 units from its start.
 * @property {number} pauseMs  How long the writer pauses before a check (the host's rhythm).
 * @property {boolean} underlines  Whether `mark` draws in the document (else cards only; it
 *   may turn false, as when Word refuses annotations without Microsoft 365).
 * @property {(callbacks: LiveCallbacks) => (() => void)} watch
 *   Start watching the document; answers a function that stops it.
 * @property {() => Promise<LiveSnapshot>} read  The paragraphs now.
 * @property {(paragraph: string, change: Change, marking?: Marking) => Promise<boolean>} applyFix
 *   Replace [start, end) of one paragraph; false if `expected` is no longer there. A host with
 *   `authorship` marks the replacement when given a `marking`.
 * @property {(marks: {id: string, issues: Issue[]}[]) => Promise<void>} mark
 *   Show these paragraphs' issues (paragraph offsets), replacing what each had.
 * @property {() => Promise<void>} unmark  Remove every mark (checking as you write stopped).
 * @property {((issueId: string|null) => void)} [highlight]  Emphasise one issue's words.
 *
 * @typedef {Object} LiveCallbacks
 * @property {(how: {composing: boolean}) => void} edited  The document may have changed
 *   (`composing` while an input method composes: nothing is checked until it ends).
 * @property {(paragraph: string, issueId: string) => void} reveal  The writer clicked an
 *   issue's words in the document: show its card.
 *
 * @typedef {Object} LiveSnapshot
 * @property {string[]} order  The paragraphs read, in document order.
 * @property {Map<string, string>} texts  The text of every paragraph the pane may not know
 *   (new or changed since the last read); a host may give them all.
 * @property {string|null} [focus]  The paragraph with the caret.
 * @property {number} [unread]  Paragraphs not read yet (a long document is read in pages).
 */

export {};
