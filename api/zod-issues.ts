// A validator's issue as the stable code and bounds of a problem's field error, so that a widget
// can say "at least 3 characters" in the reader's language instead of echoing the English message.
import type { ZodError } from 'zod';
import type { FieldError } from './problem.ts';

type Details = Omit<FieldError, 'field' | 'message'>;

function at(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const isBound = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/** Missing, null or empty text is `required`, whatever the schema's own check said. */
export function zodIssueDetails(issue: ZodError['issues'][number], input: unknown): Details {
  const value = input === undefined ? null : at(input, issue.path);
  const absent = input !== undefined && (value === undefined || value === null);
  switch (issue.code) {
    case 'invalid_type':
      return absent ? { code: 'required' } : { code: 'invalid_type' };
    case 'too_small': {
      // A string below one character is empty, whatever the input looked like before trimming.
      const emptyText = issue.origin === 'string' && (value === '' || Number(issue.minimum) <= 1);
      if (absent || emptyText) return { code: 'required' };
      return {
        code: 'too_small',
        origin: issue.origin,
        ...(isBound(issue.minimum) ? { minimum: Number(issue.minimum) } : {}),
      };
    }
    case 'too_big':
      return {
        code: 'too_big',
        origin: issue.origin,
        ...(isBound(issue.maximum) ? { maximum: Number(issue.maximum) } : {}),
      };
    case 'invalid_format':
      if (absent || value === '') return { code: 'required' };
      return { code: 'invalid_format', format: issue.format };
    case 'invalid_value':
      if (absent || value === '') return { code: 'required' };
      return { code: 'invalid_value', values: issue.values.map(String) };
    case 'not_multiple_of':
      return { code: 'not_multiple_of' };
    case 'unrecognized_keys':
      return { code: 'unrecognized_keys' };
    default:
      return absent ? { code: 'required' } : { code: 'invalid' };
  }
}
