// A deployment overrides a capability's policy with one environment variable holding a JSON
// object (MEETING_POLICY='{"noticeDays":14}'). Every such variable goes through this one parser:
// the policy's defaults are the schema, so a misspelt key, a string where a number belongs or a
// half-written object fails at start, naming the variable and the key, instead of resolving to a
// policy with holes in it. Merging stays with each domain's resolver; `merged` only says which
// objects that resolver merges key by key, so an override there may name just some keys.
import { z } from 'zod';

/** What a policy's JSON override may hold: any top-level key, and some keys of the `M` objects. */
export type PolicyOverrides<P, M extends keyof P = never> = Partial<Omit<P, M>> & {
  [K in M]?: Partial<P[K]>;
};

interface Issue {
  path: (string | number)[];
  message: string;
}

type Kind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

const kindOf = (v: unknown): Kind => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as Kind;
};

/**
 * Checks `value` against the shape of `fallback`, the default it overrides. An object must use
 * only the default's keys, and all of them unless `partial`; of its children, those named in
 * `partialChildren` may be partial too. A list's items take the shape of the default's first item
 * (scalars when the default list is empty).
 */
function check(
  value: unknown,
  fallback: unknown,
  path: Issue['path'],
  partial: boolean,
  partialChildren: readonly string[] = [],
): Issue[] {
  const want = kindOf(fallback);
  const got = kindOf(value);
  if (want !== got)
    return [{ path, message: `must be ${want === 'array' ? 'a list' : `a JSON ${want}`}, not ${got}` }];
  if (Array.isArray(value)) {
    const sample = (fallback as unknown[])[0];
    return value.flatMap((item, i) => {
      if (sample !== undefined) return check(item, sample, [...path, i], false);
      const kind = kindOf(item);
      return kind === 'string' || kind === 'number'
        ? []
        : [{ path: [...path, i], message: `must be a string or a number, not ${kind}` }];
    });
  }
  if (got !== 'object') return [];
  const object = value as Record<string, unknown>;
  const defaults = fallback as Record<string, unknown>;
  const known = Object.keys(defaults);
  const issues: Issue[] = [];
  for (const [key, v] of Object.entries(object)) {
    if (Object.hasOwn(defaults, key))
      issues.push(...check(v, defaults[key], [...path, key], partialChildren.includes(key)));
    else issues.push({ path: [...path, key], message: `unknown key; expected one of ${known.join(', ')}` });
  }
  if (!partial) {
    for (const key of known) {
      if (!Object.hasOwn(object, key))
        issues.push({ path: [...path, key], message: 'missing: this object replaces the default whole' });
    }
  }
  return issues;
}

/**
 * The env schema of one policy override: a JSON object whose keys are the policy's, each of the
 * default's type; the objects named in `merged` may give some of their keys, every other object
 * replaces its default whole and so needs all of them.
 */
export function policyOverrides<P extends object, M extends keyof P & string = never>(
  what: string,
  defaults: P,
  merged: readonly M[] = [],
) {
  return z
    .string()
    .transform((text, ctx): PolicyOverrides<P, M> => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `not valid JSON (${(err as Error).message})` });
        return z.NEVER;
      }
      if (kindOf(parsed) !== 'object') {
        ctx.addIssue({ code: 'custom', message: `must be a JSON object of ${what} overrides` });
        return z.NEVER;
      }
      const issues = check(parsed, defaults, [], true, merged);
      for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
      return issues.length > 0 ? z.NEVER : (parsed as PolicyOverrides<P, M>);
    })
    .optional();
}
