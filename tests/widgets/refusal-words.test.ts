// Every rule refusal of every capability reaches a person in their own language: the test walks
// each capability's code table (widgets/refusal-codes.ts, exhaustive by type over the domain's
// codes) and fails on a code without words in uz, ru and en, or with the service's English in them.
import { nothing, type TemplateResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../domain/common/language.ts';
import { ApiError } from '../../widgets/core/api.ts';
import { problemReason, renderRefusal, ruleText } from '../../widgets/core/refusal-view.ts';
import { allRuleCodes } from '../../widgets/refusal-codes.ts';

const DETAIL = 'the service said this in English';
const refusal = (code: string, errors?: { field: string; message: string }[]) =>
  new ApiError({ type: 'about:blank', title: 'Refused', status: 409, detail: DETAIL, code, errors });

describe('every capability’s rule refusal in the reader’s words', () => {
  const codes = allRuleCodes();

  it('knows the codes of every capability', () => {
    expect(codes.length).toBeGreaterThan(60);
    expect(codes).toContain('billing.below_minimum');
    expect(codes).toContain('registry.conflict');
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
    for (const code of allRuleCodes()) {
      const alert = shown(refusal(code), () => undefined);
      expect(alert).not.toContain(DETAIL);
      expect(alert, code).not.toMatch(/lang="?en/);
    }
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
