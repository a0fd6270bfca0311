// Every refusal the API can give reaches a person in their own language. The codes come from their
// sources: each capability's rule codes (widgets/refusal-codes.ts, exhaustive by type over the
// domain's codes, which the status tables in api/ are typed by) and every code a route in api/ or
// db/ writes itself, read from the source text; the test fails on a code without words in uz, ru
// and en, or with the service's English in them. A code no bundle knows, or a problem with an
// English detail only, is said by a general sentence in the reader's language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nothing, type TemplateResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../domain/common/language.ts';
import { ApiError } from '../../widgets/core/api.ts';
import {
  problemReason,
  renderRefusal,
  ruleText,
  unknownReasonText,
} from '../../widgets/core/refusal-view.ts';
import { allRefusalCodes, allRuleCodes, RULE_CODES } from '../../widgets/refusal-codes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The TypeScript sources of a layer, migrations and the demo seed left out. */
function sources(layer: string): { file: string; text: string }[] {
  return readdirSync(path.join(ROOT, layer), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !/^(migrations|seed)\//.test(f))
    .map((f) => ({ file: `${layer}/${f}`, text: readFileSync(path.join(ROOT, layer, f), 'utf8') }));
}

/**
 * What the API's sources say about problem codes: the capabilities whose rule tables they turn
 * into problems, and every code they write themselves.
 */
function apiProblemCodes() {
  const files = [...sources('api'), ...sources('db')];
  const capabilities = new Set<string>();
  const codes = new Set<string>();
  const dynamic: string[] = [];
  for (const { file, text } of files) {
    // A rule table's capability: ruleProblems(STATUS, 'x'), ruleProblem(err, STATUS, 'x'), { capability: 'x' }.
    for (const m of text.matchAll(/ruleProblems(?:<\w+>)?\(\s*\w+,\s*'(\w+)'/g)) capabilities.add(m[1]!);
    for (const m of text.matchAll(/ruleProblem\([^;]*?,\s*\w+,\s*'(\w+)'/g)) capabilities.add(m[1]!);
    for (const m of text.matchAll(/capability: '(\w+)'/g)) capabilities.add(m[1]!);
    // A code written out: `code: 'lots.signature_refused'`.
    for (const m of text.matchAll(/\bcode: '(\w+\.\w+)'/g)) codes.add(m[1]!);
    // The shared idempotency refusal: idempotencyConflict('billing').
    for (const m of text.matchAll(/idempotencyConflict\('(\w+)'\)/g))
      codes.add(`${m[1]}.idempotency_conflict`);
    // A route's own helper that prefixes its capability: `code: `notifications.${code}``, called as
    // helper(status, 'code_wrong', …).
    for (const m of text.matchAll(/const (\w+) = \([^)]*\) =>[^;]*?code: `(\w+)\.\$\{code\}`/gs)) {
      const [, helper, capability] = m;
      for (const call of text.matchAll(new RegExp(`${helper}\\(\\s*\\d+,\\s*'(\\w+)'`, 'g')))
        codes.add(`${capability}.${call[1]}`);
    }
    // Any other code built at run time must be one of the shapes above.
    for (const m of text.matchAll(/\bcode: `([^`]*)`/g)) dynamic.push(`${file}: ${m[1]}`);
  }
  return { capabilities, codes, dynamic };
}

const DETAIL = 'the service said this in English';
const refusal = (code: string, errors?: { field: string; message: string }[]) =>
  new ApiError({ type: 'about:blank', title: 'Refused', status: 409, detail: DETAIL, code, errors });

describe('every refusal the API can give in the reader’s words', () => {
  const codes = allRefusalCodes();
  const api = apiProblemCodes();

  it('knows the codes of every capability', () => {
    expect(allRuleCodes().length).toBeGreaterThan(60);
    expect(codes).toContain('billing.below_minimum');
    expect(codes).toContain('registry.conflict');
    expect(codes).toContain('notifications.code_wrong');
  });

  it('knows every capability whose rule table the API turns into problems', () => {
    expect(api.capabilities.size).toBeGreaterThanOrEqual(9);
    for (const capability of api.capabilities)
      expect(Object.keys(RULE_CODES), capability).toContain(capability);
  });

  it('knows every code a route writes itself', () => {
    expect(api.codes.size).toBeGreaterThan(10);
    expect([...api.codes]).toContain('notifications.code_exhausted');
    for (const code of api.codes) expect(codes, code).toContain(code);
    // The run-time codes are the rule tables', the idempotency refusal's and the helpers' read above.
    expect(api.dynamic.map((d) => d.replaceAll('${', '{')).sort()).toEqual([
      'api/idempotency.ts: {capability}.idempotency_conflict',
      'api/notifications/routes.ts: notifications.{code}',
      'api/rule-problem.ts: {capability}.{err.code}',
      'api/workflows.ts: {r.capability}.{code}',
    ]);
  });

  it.each(codes)('%s has words in uz, ru and en', (code) => {
    const said = LANGUAGES.map((lang) => ruleText(lang, refusal(code)));
    for (const text of said) expect(text, code).toMatch(/\S/);
    // Each language its own words, not a copy of another's.
    expect(new Set(said).size, code).toBe(LANGUAGES.length);
    for (const lang of LANGUAGES) {
      const reason = problemReason(refusal(code), lang);
      expect(reason).not.toContain(DETAIL);
      expect(reason).not.toContain(code);
      // No raw code (snake_case) in what a person reads.
      expect(reason).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    }
  });
});

describe('a rule refusal as an alert', () => {
  // The alert as the markup it would render (the run has no DOM): each template's strings with
  // its values in place, nested templates and lists included.
  const markup = (value: unknown): string => {
    if (value === nothing || value === undefined || value === null) return '';
    if (Array.isArray(value)) return value.map(markup).join('');
    const t = value as TemplateResult;
    if (t && Array.isArray(t.strings))
      return t.strings.map((s, i) => s + (i < t.values.length ? markup(t.values[i]) : '')).join('');
    return String(value);
  };
  const shown = (error: ApiError, labelOf: (f: string) => string | undefined) =>
    markup(renderRefusal('uz', error, labelOf));

  it('never shows the English detail or marks text lang="en"', () => {
    for (const code of allRefusalCodes()) {
      const alert = shown(refusal(code), () => undefined);
      expect(alert).not.toContain(DETAIL);
      expect(alert, code).not.toMatch(/lang="?en/);
    }
  });

  it.each(LANGUAGES)('says a code it does not know, or an English detail alone, generally (%s)', (lang) => {
    const general = unknownReasonText(lang);
    expect(general).toMatch(/\S/);
    const unknown = refusal('widgets.from_a_newer_api', [{ field: 'body.somethingNew', message: DETAIL }]);
    const bare = new ApiError({ type: 'about:blank', title: 'Conflict', status: 409, detail: DETAIL });
    const fieldOnly = new ApiError({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: DETAIL,
      errors: [{ field: 'body.signature', message: DETAIL }],
    });
    for (const error of [unknown, bare, fieldOnly]) {
      const alert = markup(renderRefusal(lang, error, (f) => (f === 'signature' ? 'Signature' : undefined)));
      expect(alert).not.toContain(DETAIL);
      expect(alert).not.toMatch(/lang="?en/);
      expect(problemReason(error, lang)).not.toContain(DETAIL);
    }
    expect(markup(renderRefusal(lang, unknown, () => undefined))).toContain(general);
    expect(markup(renderRefusal(lang, bare, () => undefined))).toContain(general);
    expect(problemReason(unknown, lang)).toBe(general);
    expect(problemReason(bare, lang)).toBe(general);
    // A field the service named without a code: "this field is wrong" in the reader's words.
    expect(markup(renderRefusal(lang, fieldOnly, () => 'Signature'))).toContain('data-field=signature');
  });

  it('names a field the form shows in the reader’s words, and drops one it does not', () => {
    const error = refusal('register.invalid', [
      { field: 'body.dispatchPhone', message: DETAIL },
      { field: 'body.internalThing', message: DETAIL },
    ]);
    const alert = shown(error, (f) => (f === 'dispatchPhone' ? 'Dispetcher telefoni' : undefined));
    expect(alert).toContain('data-field=dispatchPhone');
    expect(alert).toContain('Dispetcher telefoni');
    expect(alert).not.toContain(DETAIL);
    expect(alert).not.toContain('internalThing');
  });
});
