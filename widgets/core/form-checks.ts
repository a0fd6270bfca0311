// The checks a form makes before it sends: the same issues, in the same shape, as the API's
// problem would name (widgets/core/field-issues.ts), so nothing is sent that is bound to fail and
// the person reads the same words either way. Limits come from the domain's constants where they
// exist; the API checks them all again.
import { isTin } from '../../domain/common/identifiers.ts';
import type { Language } from '../../domain/common/language.ts';
import type { FieldIssue } from './field-issues.ts';
import { translate } from './i18n.ts';
import { coreMessages } from './messages.ts';

/** The first option of a list that has no silent default: the person must pick. */
export const choosePromptText = (lang: Language): string => translate(coreMessages, lang, 'choosePrompt');

export interface FieldRule {
  /** `choose` for a list left on its prompt. */
  required?: boolean | 'choose';
  minLength?: number;
  maxLength?: number;
  /** The text is a number: whole unless `decimal`, within `min`…`max`. */
  number?: { min?: number; max?: number; decimal?: boolean };
  /** A taxpayer number: the domain's own rule. */
  tin?: boolean;
  phone?: boolean;
}

const PHONE = /^\+?[\d\s()-]{7,20}$/;

/** The first thing wrong with `raw` (as typed; trimmed here) under `rule`, or null. */
export function checkField(field: string, raw: string, rule: FieldRule): FieldIssue | null {
  const value = raw.trim();
  if (!value)
    return rule.required ? { field, code: rule.required === 'choose' ? 'choose' : 'required' } : null;
  const chars = [...value].length;
  if (rule.minLength !== undefined && chars < rule.minLength)
    return { field, code: 'too_small', origin: 'string', minimum: rule.minLength };
  if (rule.maxLength !== undefined && chars > rule.maxLength)
    return { field, code: 'too_big', origin: 'string', maximum: rule.maxLength };
  if (rule.tin && !isTin(value)) return { field, code: 'tin' };
  if (rule.phone && !PHONE.test(value)) return { field, code: 'phone' };
  if (rule.number) {
    const n = Number(value.replace(/\s/g, '').replace(',', '.'));
    if (!Number.isFinite(n)) return { field, code: 'number' };
    if (!rule.number.decimal && !Number.isInteger(n)) return { field, code: 'integer' };
    if (rule.number.min !== undefined && n < rule.number.min)
      return { field, code: 'too_small', origin: 'number', minimum: rule.number.min };
    if (rule.number.max !== undefined && n > rule.number.max)
      return { field, code: 'too_big', origin: 'number', maximum: rule.number.max };
  }
  return null;
}

/** Every field's first issue, in the order given. */
export function checkFields(checks: readonly (readonly [string, string, FieldRule])[]): FieldIssue[] {
  return checks.map(([field, raw, rule]) => checkField(field, raw, rule)).filter((i) => i !== null);
}

/** A number the person typed, or null when the field is empty: an empty amount is not 0. */
export function numberOrNull(raw: string): number | null {
  const value = raw.trim().replace(/\s/g, '').replace(',', '.');
  return value === '' ? null : Number(value);
}
