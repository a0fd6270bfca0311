// A report's content as the organization enters it, checked before it is stored: each refusal
// names the field (works.<i>.<field>) so the API's problem and the editor can point at it.
import { isDate } from '../billing/public.ts';
import { RuleError } from '../common/rule-error.ts';
import { isBuildingElement } from '../registry/public.ts';
import type { ReportRuleCode } from './errors.ts';
import type { ReportPolicy } from './policy.ts';
import { firstDayOf, lastDayOf } from './quarters.ts';
import {
  PHOTO_STAGES,
  type ReportContent,
  WORK_KINDS,
  type WorkKind,
  type WorkLine,
  type WorkPhoto,
} from './types.ts';

const MAX_TIYIN = Number.MAX_SAFE_INTEGER;
const MAX_UNIT = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isWorkKind = (s: unknown): s is WorkKind =>
  typeof s === 'string' && (WORK_KINDS as readonly string[]).includes(s);

function refuse(field: string, message: string): never {
  throw new RuleError<ReportRuleCode>('invalid', `${field}: ${message}`, [field]);
}

/**
 * The content, checked against the quarter and today (Tashkent): a work is dated inside the
 * quarter and not in the future. Returns a normalized copy (trimmed texts).
 */
export function validateContent(
  raw: ReportContent,
  quarter: string,
  today: string,
  policy: Pick<ReportPolicy, 'maxTextLength' | 'maxWorks' | 'maxPhotosPerWork'>,
): ReportContent {
  if (!Array.isArray(raw.works)) refuse('works', 'must be a list');
  if (raw.works.length > policy.maxWorks) refuse('works', `at most ${policy.maxWorks} lines`);
  const note = typeof raw.note === 'string' ? raw.note.trim() : '';
  if (note.length > policy.maxTextLength) refuse('note', `at most ${policy.maxTextLength} characters`);
  const first = firstDayOf(quarter);
  const last = lastDayOf(quarter);
  const works = raw.works.map((w, i): WorkLine => {
    const f = (name: string) => `works.${i}.${name}`;
    if (!isWorkKind(w.kind)) refuse(f('kind'), `must be one of ${WORK_KINDS.join(', ')}`);
    if (!isBuildingElement(w.element)) refuse(f('element'), 'must be one of the registry’s elements');
    const description = typeof w.description === 'string' ? w.description.trim() : '';
    if (description.length === 0) refuse(f('description'), 'is required');
    if (description.length > policy.maxTextLength)
      refuse(f('description'), `at most ${policy.maxTextLength} characters`);
    if (!Number.isSafeInteger(w.quantityMilli) || w.quantityMilli <= 0)
      refuse(f('quantityMilli'), 'must be a whole number of thousandths above 0');
    const unit = typeof w.unit === 'string' ? w.unit.trim() : '';
    if (unit.length === 0 || unit.length > MAX_UNIT) refuse(f('unit'), `1 to ${MAX_UNIT} characters`);
    if (!Number.isSafeInteger(w.costTiyin) || w.costTiyin < 0 || w.costTiyin > MAX_TIYIN)
      refuse(f('costTiyin'), 'must be a whole number of tiyin, 0 or more');
    if (typeof w.doneOn !== 'string' || !isDate(w.doneOn)) refuse(f('doneOn'), 'must be a date YYYY-MM-DD');
    if (w.doneOn < first || w.doneOn > last)
      refuse(f('doneOn'), `must be inside ${quarter} (${first} to ${last})`);
    if (w.doneOn > today) refuse(f('doneOn'), 'must not be in the future');
    const photos = checkPhotos(w.photos, f('photos'), policy.maxPhotosPerWork);
    return { ...w, description, unit, ...(photos.length ? { photos } : {}) };
  });
  return { works, note };
}

function checkPhotos(raw: unknown, field: string, max: number): WorkPhoto[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) refuse(field, 'must be a list');
  if (raw.length > max) refuse(field, `at most ${max} photos`);
  const seen = new Set<string>();
  return raw.map((p: Partial<WorkPhoto>, j) => {
    if (typeof p?.id !== 'string' || !UUID.test(p.id))
      refuse(`${field}.${j}.id`, 'must be an uploaded photo’s id');
    if (!(PHOTO_STAGES as readonly unknown[]).includes(p.stage))
      refuse(`${field}.${j}.stage`, `must be one of ${PHOTO_STAGES.join(', ')}`);
    if (seen.has(p.id)) refuse(`${field}.${j}.id`, 'the same photo twice');
    seen.add(p.id);
    return { id: p.id, stage: p.stage! };
  });
}

/** Every photo the content names, so the repository can check they are this building's uploads. */
export const photoIdsOf = (content: ReportContent): string[] =>
  content.works.flatMap((w) => (w.photos ?? []).map((p) => p.id));

/** The quarter's sums, for the summary the owners read. */
export function costByKind(content: ReportContent): Record<WorkKind, number> {
  const out = { planned: 0, unplanned: 0, emergency: 0 } as Record<WorkKind, number>;
  for (const w of content.works) out[w.kind] += w.costTiyin;
  return out;
}
