// What each host says it can do, and what the pane does with it: the pane never asks a host
// what it is (host.name), it reads the host's capabilities. The browser host runs on
// linkedom's DOM here (the Chromium tests run it on the real one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { OfficeMockObject } from 'office-addin-mock';
import { createGdocsHost } from '../../../taskpane/hosts/gdocs.js';
import { createOutlookHost } from '../../../taskpane/hosts/outlook.js';
import { createWordHost } from '../../../taskpane/hosts/word.js';
import { renderPane } from '../../../taskpane/render/pane.js';
import { initialState } from '../../../taskpane/state.js';
import { translator } from '../../../taskpane/i18n/index.js';
import { FakeDoc, install as installWord } from './word_standin.mjs';

/** A page with the pane's layout, its DOM made global as a browser's is. */
function page() {
  const { window, document } = parseHTML(
    '<html><body><div class="layout"><section id="document" hidden></section><main id="app"></main></div></body></html>',
  );
  Object.assign(globalThis, { window, document });
  // What linkedom lacks and the browser host's marks layer only measures with.
  globalThis.getComputedStyle ??= () => ({ getPropertyValue: () => '', borderLeftWidth: '0', borderRightWidth: '0', paddingRight: '0' });
  globalThis.ResizeObserver ??= class {
    observe() {}
  };
  return document;
}

async function browserHost() {
  const { createBrowserHost } = await import('../../../taskpane/hosts/browser.js');
  const stored = new Map();
  const storage = { getItem: (key) => stored.get(key) ?? null, setItem: (key, value) => stored.set(key, value) };
  return createBrowserHost({ container: page().getElementById('document'), t: (key) => key, storage });
}

function outlookHost() {
  globalThis.Office = new OfficeMockObject({
    onReady: async () => ({ host: 'Outlook' }),
    context: {
      displayLanguage: 'en-US',
      requirements: { isSetSupported: (name) => name === 'Mailbox' },
      mailbox: { item: {} },
    },
  });
  return createOutlookHost();
}

const HOSTS = {
  browser: browserHost,
  word: () => installWord(new FakeDoc([['Text.', null]]), createWordHost),
  gdocs: () => createGdocsHost({ run: /** google.script.run is not called to start */ {}, serverSide: false }),
  outlook: outlookHost,
};

for (const [name, create] of Object.entries(HOSTS)) {
  const onPage = name === 'browser';
  test(`the ${name} host says its document is ${onPage ? '' : 'not '}on the pane's page`, async () => {
    const host = await create();
    assert.equal(host.documentOnPage, onPage);
  });
}

/** The hint under Improve, before anything was checked, for a host that can do `can`. */
function hint(can) {
  const document = page();
  const root = document.getElementById('app');
  const host = { canTrackChanges: false, canCheckLive: false, canKeepMarks: false, documentOnPage: false, ...can };
  renderPane(root, initialState(), { t: translator('en'), actions: {}, host, issues: [], iconUrl: '', livePending: false });
  return root.querySelector('.hint').textContent;
}

test('where the document is on the page, the hint says to write there; elsewhere, to select text', () => {
  assert.equal(hint({ documentOnPage: true }), 'Write or paste in the document, select a part or nothing, then press Improve.');
  assert.equal(hint({ documentOnPage: false }), 'Select text in your document, then press Improve (or Enter).');
});
