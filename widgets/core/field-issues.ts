// What is wrong with each field of a refused or unchecked form, in the reader's language: the
// problem's field codes (api/problem.ts) and the checks a form makes before sending share one
// shape and one set of templates, so a person reads the same words whoever caught the mistake.
import type { Language } from '../../domain/common/language.ts';
import type { ApiError } from './api.ts';
import { type FieldMessageKey, fieldMessages } from './field-messages.ts';
import { translate } from './i18n.ts';

/** One thing wrong with one field. `field` is the request's path without `body.` (`agenda.0.title`). */
export interface FieldIssue {
  field: string;
  /**
   * The problem's code (`required`, `too_small`, `too_big`, `invalid_format`, `invalid_value`…)
   * or a check's own: `choose` (a list left on its prompt), `integer`, `number`, `phone`, `tin`,
   * `after` (a date before `other`), `step`.
   */
  code?: string;
  origin?: string;
  minimum?: number | string;
  maximum?: number | string;
  format?: string;
  /** The label of the field this one must come after (`after`); the step (`step`). */
  other?: string;
  step?: number;
  /** The service's own (English) words, shown only when the code is one this bundle does not know. */
  message?: string;
}

/** The fields a problem names, each once (the first reason wins), `body.` dropped. */
export function problemIssues(error: ApiError): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const e of error.problem.errors ?? []) {
    const field = e.field.replace(/^body\.?/, '');
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ ...e, field });
  }
  return issues;
}

const BOUND: Readonly<Record<string, [FieldMessageKey, FieldMessageKey]>> = {
  string: ['tooShort', 'tooLong'],
  array: ['tooFewItems', 'tooManyItems'],
  set: ['tooFewItems', 'tooManyItems'],
  file: ['tooFewItems', 'tooManyItems'],
  date: ['tooEarly', 'tooLate'],
};

const FORMATS: Readonly<Record<string, FieldMessageKey>> = {
  uuid: 'listChoice',
  guid: 'listChoice',
  datetime: 'date',
  date: 'date',
  time: 'date',
  email: 'email',
};

const OWN: Readonly<Record<string, FieldMessageKey>> = {
  required: 'required',
  choose: 'requiredChoice',
  integer: 'wholeNumber',
  number: 'number',
  invalid_type: 'invalid',
  phone: 'phone',
  tin: 'tin',
  invalid_value: 'listChoice',
  unrecognized_keys: 'invalid',
  invalid: 'invalid',
};

function keyOf(issue: FieldIssue): FieldMessageKey | null {
  const code = issue.code;
  if (code === 'too_small') return (BOUND[issue.origin ?? ''] ?? ['tooLow', 'tooHigh'])[0];
  if (code === 'too_big') return (BOUND[issue.origin ?? ''] ?? ['tooLow', 'tooHigh'])[1];
  if (code === 'invalid_format') return FORMATS[issue.format ?? ''] ?? 'format';
  if (code === 'after') return 'after';
  if (code === 'step' || code === 'not_multiple_of') return issue.step ? 'step' : 'invalid';
  return (code && OWN[code]) || null;
}

/**
 * The words for one issue. `english` is set when no template fits and the service's own message
 * is all there is (a route's hand-written reason): the caller marks it `lang="en"`.
 */
export function fieldIssueText(lang: Language, issue: FieldIssue): { text: string; english: boolean } {
  const key = keyOf(issue);
  if (key) {
    const params: Record<string, string | number> = {};
    for (const name of ['minimum', 'maximum', 'other', 'step'] as const) {
      const value = issue[name];
      if (value !== undefined) params[name] = value;
    }
    return { text: translate(fieldMessages, lang, key, params), english: false };
  }
  if (issue.message) return { text: issue.message, english: true };
  return { text: translate(fieldMessages, lang, 'invalid'), english: false };
}

/** "Check these fields:" in the reader's language. */
export const fieldsWrongText = (lang: Language): string => translate(fieldMessages, lang, 'fieldsWrong');
