// Every string the pane shows is in every language table, and every key the code uses exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLES, pickLanguage, translator } from '../../../taskpane/i18n/index.js';

const PANE = fileURLToPath(new URL('../../../taskpane/', import.meta.url));

function sources(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

test('every table has exactly the keys of the English table', () => {
  const english = Object.keys(TABLES.en).sort();
  for (const [language, table] of Object.entries(TABLES)) {
    const keys = Object.keys(table).sort();
    assert.deepEqual(keys.filter((key) => !english.includes(key)), [], `${language} has keys English lacks`);
    assert.deepEqual(english.filter((key) => !keys.includes(key)), [], `${language} lacks keys`);
    for (const key of keys) assert.ok(table[key].trim(), `${language} ${key} is empty`);
  }
});

const NAMESPACES = [...new Set(Object.keys(TABLES.en).map((key) => key.split('.')[0]))].join('|');

test('every key the code names literally is in the tables', () => {
  const used = new Set();
  for (const file of sources(PANE)) {
    const code = readFileSync(file, 'utf8');
    // Any quoted name in one of the tables' namespaces: t('…'), notify('…'), ApiProblem('…')…
    for (const match of code.matchAll(new RegExp(`'((?:${NAMESPACES})\\.[\\w.-]+)'`, 'g'))) used.add(match[1]);
  }
  assert.ok(used.size > 40, `found ${used.size} keys in the code`);
  const missing = [...used].filter((key) => !(key in TABLES.en));
  assert.deepEqual(missing, []);
});

test('placeholders match between languages', () => {
  for (const [key, english] of Object.entries(TABLES.en)) {
    const names = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(TABLES['zh-CN'][key]), names(english), key);
  }
});

test('the language follows the writer: Chinese variants, English, else English', () => {
  assert.equal(pickLanguage(['zh-Hans-CN']), 'zh-CN');
  assert.equal(pickLanguage(['zh-TW', 'en-US']), 'zh-CN');
  assert.equal(pickLanguage(['fr-FR', 'en-GB']), 'en');
  assert.equal(pickLanguage([undefined, 'de']), 'en');
  assert.equal(translator('zh-CN')('improve.button'), '改进');
  assert.equal(translator('en')('status.parts', { count: 3 }), 'Checked in 3 parts.');
});

test('every tone and idea kind the server offers has a name in the tables', () => {
  const server = fileURLToPath(new URL('../../../addin_server/', import.meta.url));
  // The tones are those whose description the server's message table holds.
  const messages = readFileSync(join(server, 'messages', 'data', 'en.toml'), 'utf8');
  const tones = [...messages.matchAll(/^"tone\.(\w+)" =/gm)].map((m) => m[1]);
  const records = readFileSync(join(server, 'records.py'), 'utf8');
  const kinds = [...records.slice(records.indexOf('class IdeaKind')).matchAll(/^    [A-Z]+ = "(\w+)"/gm)].map((m) => m[1]);
  assert.ok(tones.length >= 9 && kinds.length >= 6, `read ${tones.length} tones and ${kinds.length} kinds`);
  const missing = [...tones.map((tone) => `tone.${tone}`), ...kinds.map((kind) => `ideas.kind.${kind}`)].filter(
    (key) => !(key in TABLES.en),
  );
  assert.deepEqual(missing, []);
});
