// The one rule for text that arrives from outside, applied where input enters: every validated
// body, path, query and header (the routers' shared hook in api/openapi.ts), Open311's form and
// ids, and headers a route decodes itself. A string the database cannot store, or that no person
// types, is refused here as 400 naming the field, instead of failing deep inside a transaction.
import { textFault } from '../domain/common/text.ts';
import { type FieldError, HttpProblem } from './problem.ts';

/** Deeper than any document the API accepts (GeoJSON polygons are the deepest, at 5). */
export const MAX_DEPTH = 32;
const MAX_ERRORS = 20;

const join = (field: string, key: string | number) => (field ? `${field}.${key}` : String(key));

/** Each string in `value` (keys included) that the text rule refuses, and nesting past MAX_DEPTH. */
export function textErrors(value: unknown, field: string): FieldError[] {
  const errors: FieldError[] = [];
  // Iterative, so a hostile nesting cannot exhaust the stack before the depth check refuses it.
  const stack: { value: unknown; field: string; depth: number }[] = [{ value, field, depth: 0 }];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const at = stack.pop()!;
    if (typeof at.value === 'string') {
      const fault = textFault(at.value);
      if (fault) errors.push({ field: at.field || 'body', message: fault });
      continue;
    }
    if (!at.value || typeof at.value !== 'object') continue;
    if (at.depth >= MAX_DEPTH) {
      errors.push({ field: at.field || 'body', message: `nested deeper than ${MAX_DEPTH} levels` });
      continue;
    }
    const entries = Array.isArray(at.value)
      ? at.value.map((v, i) => [i, v] as const)
      : Object.entries(at.value as Record<string, unknown>);
    // Pushed last to first, so fields are reported in the order the document has them.
    for (const [key, v] of entries.reverse()) {
      const fault = typeof key === 'string' ? textFault(key) : null;
      if (fault) errors.push({ field: join(at.field, JSON.stringify(key)), message: `name ${fault}` });
      stack.push({ value: v, field: join(at.field, key), depth: at.depth + 1 });
    }
  }
  return errors;
}

/** A URI-encoded header such as X-Filename, decoded and held to the text rule. */
export function decodedHeader(value: string, field: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    throw new HttpProblem(400, `${field} is not URI-encoded`, {
      errors: [{ field, message: 'not URI-encoded' }],
    });
  }
  const fault = textFault(decoded);
  if (fault) throw new HttpProblem(400, `${field} ${fault}`, { errors: [{ field, message: fault }] });
  return decoded;
}
