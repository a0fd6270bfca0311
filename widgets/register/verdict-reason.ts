// Why a requirement failed, in the reader's words. The domain's verdict names the requirement and
// the failing field as stable codes (domain/register/requirements.ts); its `reason` is English for
// logs and the API. Words come from the field's code, and the figures the reason carries (the
// minimum, the hours, the shares) are taken over as numbers, so no English reaches the reviewer.
// tests/widgets/register-reasons.test.ts runs the domain's checks and reads every failure back.
import type { Language } from '../../domain/common/language.ts';
import type { RequirementVerdict } from '../../domain/register/requirements.ts';
import { formatMoney, formatNumber } from '../core/format.ts';
import type { Translate } from '../core/i18n.ts';
import type { ApplicationMessageKey } from './application-messages.ts';

const ITEM = /^technicalBase\[(\d+)\]\.(quantity|description)$/;
const numbers = (text: string): number[] => [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
const percent = (lang: Language, value: number | undefined) =>
  value === undefined ? '—' : `${formatNumber(lang, value, 1)} %`;

/**
 * A failed verdict's reason in `lang`; null when it passed or names a field this bundle does not
 * know (the row then says "not met" alone rather than show the English).
 */
export function verdictReason(
  t: Translate<ApplicationMessageKey>,
  lang: Language,
  v: RequirementVerdict,
  /** The words for an inventory category's code. */
  category: (code: string) => string,
): string | null {
  if (v.ok || !v.field) return null;
  const reason = v.reason ?? '';
  const n = numbers(reason);
  const item = ITEM.exec(v.field);
  if (item)
    return t(item[2] === 'quantity' ? 'reasonQuantity' : 'reasonDescription', { n: Number(item[1]) + 1 });
  switch (v.field) {
    case 'tin':
      return t('reasonTin');
    case 'name':
      return t('reasonName');
    case 'ownFundsUzs':
      return n[0] === undefined
        ? t('reasonFundsNegative')
        : t('reasonFundsLow', { minimum: formatMoney(lang, n[0]) });
    case 'technicalBase': {
      const missing = reason.includes(': ') ? reason.slice(reason.indexOf(': ') + 2).split(', ') : [];
      return t('reasonMissing', { categories: missing.map(category).join(', ') });
    }
    case 'dispatch.hoursPerDay':
      return t('reasonHours', { hours: formatNumber(lang, n[0] ?? 24) });
    case 'dispatch.daysPerWeek':
      return t('reasonDays', { days: formatNumber(lang, n[0] ?? 7) });
    case 'dispatch.phone':
      return t('reasonPhone');
    case 'dispatch.coverage':
      return t('reasonCoverage', { share: percent(lang, n[0]), minimum: percent(lang, n[1]) });
    case 'dispatch.legalTimes':
      return t('reasonLegalTimes', {
        inTime: formatNumber(lang, n[0] ?? 0),
        decided: formatNumber(lang, n[1] ?? 0),
        share: percent(lang, n[2]),
        minimum: percent(lang, n[3]),
      });
    case 'quarterlyReports':
      return t('reasonLateReports', {
        count: formatNumber(lang, n[0] ?? 0),
        days: formatNumber(lang, n[1] ?? 0),
      });
    default:
      return null;
  }
}
