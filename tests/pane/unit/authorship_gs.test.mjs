// Who wrote what, in Google Docs: the sidebar's host (hosts/gdocs.js) against the Apps Script
// files (Authorship.gs, and Editing.gs's edits) under the DocumentApp stand-in. Each passage
// Penwise writes is a named range "penwise-ai-…" or "penwise-edited-…"; they are created,
// follow the text, are counted and removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGdocsHost } from '../../../taskpane/hosts/gdocs.js';
import { charCount, markFor, passageWords, shares } from '../../../taskpane/authorship/marks.js';
import { body, item, load, namedTexts, para, partial, text } from './docs_standin.mjs';

const WHEN = new Date('2025-03-04T10:00:00Z');
const MODEL = {
  mark: markFor({ engine: 'llm', model: 'test-model', prompt_version: 'rewrite/v2', generated: true, model_rules: [] }, 'rewrite', 'formal', WHEN),
  label: 'Written with Penwise (test-model)',
};
const LOCAL = {
  mark: markFor({ engine: 'local', model: null, prompt_version: null, generated: false, model_rules: [] }, 'fix', null, WHEN),
  label: 'Edited with Penwise',
};

/** The Docs host over a document, its calls going to the scripts under the stand-in. */
async function open(docBody, selected = null, extra = {}) {
  const script = load(docBody, selected, extra);
  const run = scriptRun(script);
  const host = await createGdocsHost({ run, serverSide: false });
  return { host, script };
}

/** google.script.run over the loaded scripts (every value through JSON). */
function scriptRun(script) {
  const runner = (onSuccess, onFailure) =>
    new Proxy(
      {},
      {
        get: (_, name) => {
          if (name === 'withSuccessHandler') return (handler) => runner(handler, onFailure);
          if (name === 'withFailureHandler') return (handler) => runner(onSuccess, handler);
          return (...args) => {
            try {
              onSuccess(script.call(name, ...args));
            } catch (error) {
              onFailure(error);
            }
          };
        },
      },
    );
  return runner(() => {}, () => {});
}

const changes = (text, pairs) =>
  pairs.map(([from, to]) => {
    const start = text.indexOf(from);
    return { start, end: start + from.length, expected: from, replacement: to };
  });

test('a model rewrite applied edit by edit gets a named range around each edit\'s new words', async () => {
  const doc = body(para('We recieve alot of mail about teh launch.'));
  const { host, script } = await open(doc);
  const { text: read } = await host.read();
  const rewritten = 'We receive a lot of mail about the launch.';
  assert.equal(await host.applyRewrite(changes(read, [['recieve', 'receive'], ['alot', 'a lot'], ['teh', 'the']]), rewritten, MODEL), 'edits');

  assert.equal(doc.getText(), rewritten);
  assert.deepEqual(namedTexts(script.doc, 'penwise-ai-').sort(), ['a lot', 'receive', 'the']);
  assert.deepEqual(namedTexts(script.doc, 'penwise-edited-'), []);
  const records = [...script.documentProperties.values.values()].map((value) => JSON.parse(value));
  assert.deepEqual(records.map((record) => [record.kind, record.model, record.chars]).sort(), [
    ['model', 'test-model', 3],
    ['model', 'test-model', 5],
    ['model', 'test-model', 7],
  ]);

  const reading = await host.authorship.read();
  assert.equal(reading.scope, 'document');
  assert.equal(reading.total, rewritten.length);
  assert.deepEqual(reading.passages.map((passage) => [passage.text, passage.mark.kind, passage.mark.operation]), [
    ['receive', 'model', 'rewrite'],
    ['a lot', 'model', 'rewrite'],
    ['the', 'model', 'rewrite'],
  ]);
  assert.equal(shares(reading).chars.model, 15);
});

test('a local fix gets the lighter kind, and a fix without a mark gets none', async () => {
  const doc = body(para('The cat sat on teh mat. Their is more.'));
  const { host, script } = await open(doc);
  const { text: read } = await host.read();
  const [teh] = changes(read, [['teh', 'the']]);
  assert.equal(await host.applyFix(teh, LOCAL), true);
  const [their] = changes(read, [['Their', 'There']]);
  assert.equal(await host.applyFix(their), true);
  assert.equal(doc.getText(), 'The cat sat on the mat. There is more.');
  assert.deepEqual(namedTexts(script.doc), ['the']);
  assert.equal(script.doc.named[0].name.startsWith('penwise-edited-'), true);
  assert.deepEqual(shares(await host.authorship.read()).chars, { model: 0, edited: 3, other: 35 });
});

test('a passage over two runs (bold, then plain) is one named range of two parts', async () => {
  const doc = body(para(text('Very ', true), text('bad idea.')));
  const { host, script } = await open(doc);
  await host.read();
  assert.equal(await host.applyFix({ start: 0, end: 8, expected: 'Very bad', replacement: 'Quite poor' }, MODEL), true);
  assert.equal(doc.getText(), 'Quite poor idea.');
  assert.equal(script.doc.named.length, 1);
  assert.equal(script.doc.named[0].getRange().getRangeElements().length, 1);
  assert.deepEqual((await host.authorship.read()).passages.map((passage) => passage.text), ['Quite poor']);
});

test('editing inside a marked passage keeps the mark on the rest', async () => {
  const doc = body(para('Remote work changes teams.'));
  const { host } = await open(doc);
  await host.read();
  await host.insertBelow('A quick new idea here.', { ...MODEL, mark: { ...MODEL.mark, operation: 'idea' } });
  assert.equal(doc.getText(), 'Remote work changes teams.\nA quick new idea here.');
  const idea = doc.children[1];

  // The writer deletes "new " inside the passage.
  idea.editAsText().deleteText(8, 11);
  let reading = await host.authorship.read();
  assert.deepEqual(reading.passages.map((passage) => passage.text), ['A quick idea here.']);
  assert.equal(shares(reading).chars.model, 'A quick idea here.'.length);

  // Typed words join a named range in Docs; the report never counts more than Penwise put there.
  idea.editAsText().insertText(8, 'bright and bold ');
  reading = await host.authorship.read();
  assert.equal(reading.passages[0].text, 'A quick bright and bold idea here.');
  assert.equal(shares(reading).chars.model, 'A quick new idea here.'.length);

  // All of it deleted: the passage is gone.
  idea.editAsText().deleteText(0, idea.getText().length - 1);
  assert.deepEqual((await host.authorship.read()).passages, []);
});

test('named ranges are counted in a selection, and a fix inside a model passage counts once', async () => {
  const doc = body(para('Intro here.'), item('The new idea has a speling slip.'));
  const { host, script } = await open(doc);
  await host.read();
  const { text: read } = await host.read();
  await host.applyRewrite(changes(read, [['The new idea has a speling slip.', 'A new idea with a speling slip.']]), 'Intro here.\nA new idea with a speling slip.', MODEL);
  const { text: again } = await host.read();
  await host.applyFix(changes(again, [['speling', 'spelling']])[0], LOCAL);
  assert.equal(doc.getText(), 'Intro here.\nA new idea with a spelling slip.');
  let reading = await host.authorship.read();
  assert.deepEqual(shares(reading).chars, {
    model: 'A new idea with a  slip.'.length,
    edited: 'spelling'.length,
    other: 'Intro here.\n'.length,
  });
  // The writer selects "a spelling sl": the model's "a " and " sl", and Penwise's fix.
  const run = doc.children[1].children[0];
  const start = run.getText().indexOf('a spelling');
  script.doc.selected = [partial(run, start, start + 'a spelling sl'.length - 1)];
  reading = await host.authorship.read();
  assert.equal(reading.scope, 'selection');
  assert.equal(reading.total, 'a spelling sl'.length);
  assert.deepEqual(reading.passages.map((passage) => [passage.mark.kind, passage.text]), [
    ['model', 'a  sl'],
    ['edited', 'spelling'],
  ]);
  // The writer reads the model's words with a gap where the fix is.
  assert.deepEqual(reading.passages.map(passageWords), ['a … sl', 'spelling']);
});

test('a click on a passage selects it; removing marks leaves the text unchanged', async () => {
  const doc = body(para('We recieve alot of mail.'));
  const { host, script } = await open(doc);
  const { text: read } = await host.read();
  await host.applyRewrite(changes(read, [['recieve', 'receive'], ['alot', 'a lot']]), 'We receive a lot of mail.', MODEL);
  await host.insertBelow('An idea.', MODEL);
  const before = doc.getText();
  const [first] = (await host.authorship.read()).passages;

  assert.equal(await host.authorship.select(first.id), true);
  const [selected] = script.doc.selection.getRangeElements();
  assert.equal(selected.getElement().getText().slice(selected.getStartOffset(), selected.getEndOffsetInclusive() + 1), 'receive');

  await host.authorship.remove();
  assert.equal(doc.getText(), before);
  assert.deepEqual(script.doc.named, []);
  assert.equal(script.documentProperties.values.size, 0);
  assert.deepEqual((await host.authorship.read()).passages, []);
  assert.equal(await host.authorship.select(first.id), false);
});

test('a fix made while checking as you write is marked in its paragraph', async () => {
  const doc = body(para('First one.'), para('The cat sat on teh mat.'));
  const { host, script } = await open(doc);
  assert.equal(await host.live.applyFix('1', { start: 15, end: 18, expected: 'teh', replacement: 'the' }, LOCAL), true);
  assert.equal(doc.children[1].getText(), 'The cat sat on the mat.');
  assert.deepEqual(namedTexts(script.doc, 'penwise-edited-'), ['the']);
});

test('a mark the sidebar did not make (not a kind Penwise knows) is refused', async () => {
  const doc = body(para('The cat sat on teh mat.'));
  const { host, script } = await open(doc);
  await host.read();
  await host.applyFix({ start: 15, end: 18, expected: 'teh', replacement: 'the' }, { mark: { kind: 'human' }, label: 'x' });
  assert.deepEqual(script.doc.named, []);
});

test('a rewrite applied whole marks each line it wrote, the new paragraph too', async () => {
  const doc = body(para('Their is two line.'), para('Short one.'));
  const { host, script } = await open(doc);
  await host.read();
  // The edits no longer fit the text (the writer changed it): the selection is replaced whole.
  const stale = [{ start: 0, end: 5, expected: 'Thier', replacement: 'There' }];
  const rewritten = 'There are two lines.\nA short one.\nAnd a third.';
  assert.equal(await host.applyRewrite(stale, rewritten, MODEL), 'whole');
  assert.equal(doc.getText(), rewritten);
  assert.deepEqual(namedTexts(script.doc, 'penwise-ai-'), ['There are two lines.', 'A short one.', 'And a third.']);
  const { chars, percent } = shares(await host.authorship.read());
  assert.deepEqual(chars, { model: rewritten.length - 2, edited: 0, other: 2 }); // the two line breaks
  assert.equal(percent.model, 96);
});

test('an idea inserted below a selection is marked in its own paragraph, outside the selection', async () => {
  const first = para('Remote work changes teams.');
  const doc = body(first, para('The end.'));
  const selected = [partial(first.children[0], 0, 'Remote work'.length - 1)];
  const { host, script } = await open(doc, selected);
  assert.equal((await host.read()).text, 'Remote work');
  await host.insertBelow('Ask who gains.', { ...MODEL, mark: { ...MODEL.mark, operation: 'idea' } });
  assert.equal(doc.getText(), 'Remote work changes teams.\nAsk who gains.\nThe end.');
  assert.deepEqual(namedTexts(script.doc), ['Ask who gains.']);

  // Counted where it is: not in the selection, in the document.
  let reading = await host.authorship.read();
  assert.deepEqual([reading.scope, reading.total, reading.passages], ['selection', 'Remote work'.length, []]);
  script.doc.selected = null;
  reading = await host.authorship.read();
  assert.equal(reading.scope, 'document');
  assert.deepEqual(reading.passages.map((passage) => [passage.text, passage.mark.operation]), [['Ask who gains.', 'idea']]);
});

test('characters are counted as a writer counts them: an emoji is one, wherever it is', async () => {
  const doc = body(para('👋🏽 Hi all, see you soon.'));
  const { host, script } = await open(doc);
  const { text: read } = await host.read();
  const [change] = changes(read, [['Hi all', 'Hello 🙂 team']]); // offsets in UTF-16 units
  assert.equal(await host.applyRewrite([change], '👋🏽 Hello 🙂 team, see you soon.', MODEL), 'edits');
  assert.deepEqual(namedTexts(script.doc), ['Hello 🙂 team']);
  const [record] = [...script.documentProperties.values.values()].map((value) => JSON.parse(value));
  assert.equal(record.chars, 12); // 13 UTF-16 units
  const reading = await host.authorship.read();
  assert.equal(reading.total, charCount(doc.getText()));
  assert.deepEqual(shares(reading).chars, { model: 12, edited: 0, other: charCount(doc.getText()) - 12 });
});

test('a copy that lost the records still counts its passages, by the kind their names say', async () => {
  const doc = body(para('We recieve alot of mail.'));
  const { host, script } = await open(doc);
  const { text: read } = await host.read();
  await host.applyRewrite(changes(read, [['recieve', 'receive']]), 'We receive alot of mail.', MODEL);
  const [lot] = changes((await host.read()).text, [['alot', 'a lot']]);
  await host.applyFix(lot, LOCAL);
  script.documentProperties.values.clear(); // a copy of the file keeps named ranges, not properties
  const reading = await host.authorship.read();
  assert.deepEqual(reading.passages.map((passage) => passage.mark), [{ kind: 'model' }, { kind: 'edited' }]);
  assert.deepEqual(shares(reading).chars, { model: 7, edited: 5, other: 'We receive a lot of mail.'.length - 12 });
});

test('where Docs refuses a named range, the edit stands, nothing is counted as Penwise\'s and the log holds no text', async () => {
  const doc = body(para('The cat sat on teh mat.'));
  const { host, script } = await open(doc);
  const { text: read } = await host.read();
  script.doc.refuse = true;
  assert.equal(await host.applyFix(changes(read, [['teh', 'the']])[0], MODEL), true);
  assert.equal(doc.getText(), 'The cat sat on the mat.');
  assert.deepEqual([script.doc.named, script.documentProperties.values.size], [[], 0]);
  assert.deepEqual(shares(await host.authorship.read()).chars, { model: 0, edited: 0, other: 23 });
  assert.deepEqual(script.logged, ['Penwise could not mark a passage: Error']);
});

test('Remove marks takes out only the named ranges Penwise made', async () => {
  const doc = body(para('Intro: the plan is simple.'));
  const { host, script } = await open(doc);
  const { text: read } = await host.read();
  // The writer's own named range (another add-on's, or a script's) over "Intro".
  const api = script.context.DocumentApp.getActiveDocument();
  api.addNamedRange('chapter-intro', api.newRange().addElement(doc.children[0].children[0], 0, 4).build());
  await host.applyFix(changes(read, [['simple', 'plain']])[0], MODEL);
  assert.equal(script.doc.named.length, 2);
  await host.authorship.remove();
  assert.deepEqual(script.doc.named.map((named) => named.name), ['chapter-intro']);
  assert.equal(doc.getText(), 'Intro: the plan is plain.');
});

test('in a document with tabs, marks go into the tab the writer is looking at', async () => {
  const one = body(para('First tab.'));
  const two = body(para('Second tab, with teh slip.'));
  const { host, script } = await open(one, null, { tabs: [one, two] });
  script.doc.active = 1;
  const { text: read } = await host.read();
  assert.equal(read, 'Second tab, with teh slip.');
  await host.applyFix(changes(read, [['teh', 'the']])[0], LOCAL);
  assert.equal(two.getText(), 'Second tab, with the slip.');
  assert.deepEqual([script.doc.tabs[0].named.length, script.doc.tabs[1].named.length], [0, 1]);
  const [passage] = (await host.authorship.read()).passages;
  assert.deepEqual([passage.text, passage.mark.kind], ['the', 'edited']);
  assert.equal(await host.authorship.select(passage.id), true);

  script.doc.active = 0;
  assert.deepEqual((await host.authorship.read()).passages, []);
});
