// @ts-check
/**
 * The plain-text authorship report a writer copies into a submission: the three shares, the
 * models, the dates, and what Penwise does not know. Pure, in the pane's language.
 */
import { dateSpan, modelsUsed, shares } from './marks.js';

/** @typedef {import('./marks.js').Reading} Reading */
/** @typedef {import('../types.js').T} T */

/**
 * The report of `reading`, made on `today`.
 * @param {Reading} reading @param {T} t @param {Date} [today]
 */
export function reportText(reading, t, today = new Date()) {
  const { percent, total } = shares(reading);
  const models = modelsUsed(reading.passages);
  const span = dateSpan(reading.passages);
  const named = models.map(({ name, prompts }) => (prompts.length ? t('report.modelWithPrompts', { name, prompts: prompts.join(', ') }) : name));
  const lines = [
    t('report.title'),
    t(reading.scope === 'selection' ? 'report.scope.selection' : 'report.scope.document', {
      chars: total.toLocaleString(),
      date: today.toISOString().slice(0, 10),
    }),
    '',
    t('report.model', { percent: percent.model }),
    t('report.edited', { percent: percent.edited }),
    t('report.other', { percent: percent.other }),
    '',
    named.length ? t('report.models', { models: named.join('; ') }) : t('report.noModels'),
    span ? (span.first === span.last ? t('report.day', { day: span.first }) : t('report.dates', span)) : t('report.noDates'),
    '',
    t('authorship.honesty'),
  ];
  return lines.join('\n');
}
