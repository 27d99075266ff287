// @ts-check
/**
 * The types the pane's modules share: the translator, the Context every action module works
 * with, the actions the render draws buttons for, and what the render knows of the host.
 * Types only: nothing here runs.
 *
 * @typedef {import('./hosts/host.js').Host} Host
 * @typedef {import('./hosts/host.js').Issue} Issue
 *
 * @typedef {(key: string, params?: Record<string, string|number>) => string} T
 *   The string tables' translator: t(key, {name: value}).
 *
 * @typedef {'issues'|'rewrite'|'ideas'|'authorship'} Tab
 *
 * @typedef {Object} Context  What every action module (actions/*.js) works with.
 * @property {import('./state.js').State} state
 * @property {import('./api.js').Api} api
 * @property {Host} host
 * @property {T} t
 * @property {HTMLElement} root
 * @property {() => void} render
 * @property {(delay?: number) => void} renderSoon  Render once, `delay` ms from now (or sooner).
 * @property {import('./actions/live.js').Live} live  Checking as you write.
 * @property {(issueId: string) => void} reveal  Show one issue's card (its words were clicked).
 * @property {(text: string) => void} announce  Say it in the live region.
 * @property {(key: string, params?: Record<string, string|number>) => void} notify  Show and say a short message.
 * @property {(error: unknown) => void} fail  Show that the host failed to read or change the document.
 * @property {() => void} save  Keep the settings for this user.
 * @property {() => Issue[]} shown  The issues the writer still wants to see.
 * @property {(busyKey: string, work: (signal: AbortSignal) => Promise<void>, retry: () => void) => Promise<void>} run
 * @property {() => Promise<import('./hosts/host.js').Selection>} readDocument
 * @property {() => {dictionary: string[], disabled_rules: string[]}} checkOptions
 * @property {() => {tone: string|null, formality: number, length: string, instruction: string}} rewriteOptions
 *
 * @typedef {Object} PaneActions  What app.js itself offers besides the action modules.
 * @property {() => void} cancel  Cancel the work in flight.
 * @property {(category: string) => void} showAllCards  Show every card of a long group.
 * @property {(issueId: string|null) => void} highlight  Emphasise a card's words in the document.
 * @property {(tab: Tab, focus?: boolean) => void} setTab
 *
 * @typedef {import('./actions/live.js').Live['actions']
 *   & ReturnType<typeof import('./actions/check.js').checkActions>
 *   & ReturnType<typeof import('./actions/rewrite.js').rewriteActions>
 *   & ReturnType<typeof import('./actions/ideas.js').ideaActions>
 *   & ReturnType<typeof import('./actions/settings.js').settingsActions>
 *   & ReturnType<typeof import('./actions/authorship.js').authorshipActions>
 *   & PaneActions} Actions  Everything the writer can do, as the render calls it.
 *
 * @typedef {ReturnType<typeof setTimeout>} TimerId
 * @typedef {Object} Timers  The page's timers, or a test's fake clock.
 * @property {(fn: () => void, ms: number) => TimerId} setTimeout
 * @property {(id: TimerId|undefined) => void} clearTimeout
 *
 * @typedef {Object} HostView  What the render knows of the host: what it can do, never what it is.
 * @property {boolean} canTrackChanges  The pane's edits can be tracked changes.
 * @property {boolean} canCheckLive  The host can check as the writer writes.
 * @property {boolean} canKeepMarks  The host keeps marks of who wrote what in the document.
 * @property {boolean} documentOnPage  The document is a text box beside the pane (see Host).
 */

export {};
