// @ts-check
/** The whole pane, drawn from the state: header, Improve, status, tabs and the open panel. */
import { h, redraw } from './dom.js';
import { issuesPanel } from './issues.js';
import { rewritePanel } from './rewrite.js';
import { ideasPanel } from './ideas.js';
import { statusLine } from './status.js';
import { settingsPanel } from './settings.js';
import { authorshipPanel } from './authorship.js';

/** @typedef {import('../state.js').State} State */
/** @typedef {import('../types.js').T} T */
/** @typedef {import('../types.js').Actions} Actions */
/** @typedef {import('../types.js').Tab} Tab */

const TABS = /** @type {Tab[]} */ (['issues', 'rewrite', 'ideas']);

/**
 * Draw the pane into `root`.
 * @param {HTMLElement} root
 * @param {State} state
 * @param {{t: T, actions: Actions, host: import('../types.js').HostView, issues: import('../hosts/host.js').Issue[], iconUrl: string, livePending: boolean}} view
 *   `livePending`: checking as you write has paragraphs still to check
 */
export function renderPane(root, state, view) {
  const { t, actions, host, issues } = view;
  const live = { on: state.live.status.state !== 'off', checking: view.livePending && state.view === 'document' };
  // The Authorship tab is there where the host keeps marks in the document.
  const tabs = host.canKeepMarks ? [...TABS, /** @type {Tab} */ ('authorship')] : TABS;
  redraw(root, () => [
    h(
      'header',
      { class: 'bar' },
      h('img', { class: 'logo', src: view.iconUrl, alt: '', width: 20, height: 20 }),
      h('span', { class: 'brand' }, t('app.title')),
      h(
        'button',
        {
          type: 'button',
          class: 'icon',
          'data-key': 'settings',
          'aria-expanded': String(state.settingsOpen),
          'aria-label': t('settings.open'),
          title: t('settings.open'),
          onclick: () => actions.openSettings(!state.settingsOpen),
        },
        h('span', { 'aria-hidden': 'true' }, '⚙'),
      ),
    ),
    state.settingsOpen ? settingsPanel(state, t, actions, host) : null,
    h(
      'div',
      { class: 'improve' },
      h(
        'button',
        { type: 'button', class: 'primary big', 'data-key': 'improve', disabled: Boolean(state.busy), onclick: () => actions.improve() },
        t('improve.button'),
      ),
      state.doc ? null : h('p', { class: 'hint' }, t(live.on ? 'live.hint' : host.documentOnPage ? 'improve.hintBrowser' : 'improve.hint')),
    ),
    statusLine(state, t, actions),
    h(
      'div',
      { class: 'tabs', role: 'tablist', 'aria-label': t('tabs.label') },
      tabs.map((tab) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${tab}`,
            class: 'tab',
            'data-key': `tab-${tab}`,
            'aria-selected': String(state.tab === tab),
            'aria-controls': `panel-${tab}`,
            tabindex: state.tab === tab ? 0 : -1,
            onclick: () => actions.setTab(tab),
            onkeydown: (/** @type {KeyboardEvent} */ event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              event.preventDefault();
              actions.setTab(tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length], true);
            },
          },
          t(`tabs.${tab}`),
          tab === 'issues' && state.doc ? h('span', { class: 'count' }, String(issues.length)) : null,
        ),
      ),
    ),
    h(
      'section',
      { class: 'panel', role: 'tabpanel', id: `panel-${state.tab}`, 'aria-labelledby': `tab-${state.tab}` },
      state.tab === 'issues'
        ? issuesPanel(state, t, actions, issues, live)
        : state.tab === 'rewrite'
          ? rewritePanel(state, t, actions, host)
          : state.tab === 'authorship'
            ? authorshipPanel(state, t, actions)
            : ideasPanel(state, t, actions),
    ),
  ]);
}
