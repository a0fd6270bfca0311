// A rule's refusal reaches a person in their words, by the problem's code, never as the service's
// English or the raw code; the codes of the lots and billing's bank-statement queue included.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../domain/common/language.ts';
import { ApiError } from '../../widgets/core/api.ts';
import { problemReason, ruleText } from '../../widgets/core/refusal-view.ts';
import type { RefusalCode } from '../../widgets/refusal-codes.ts';

const refusal = (status: number, code: RefusalCode, detail: string) =>
  new ApiError({ type: 'about:blank', title: 'Conflict', status, detail, code });

describe('the words for a refusal of the lots and of the bank-statement queue', () => {
  const codes: [RefusalCode, number, string][] = [
    ['lots.violations', 422, 'lot 2 has no building (lot_empty)'],
    ['lots.window_closed', 409, 'the application window has closed'],
    ['billing.line_not_waiting', 409, 'the line is matched, not waiting in the queue'],
  ];

  it.each(codes)('say %s in uz, ru and en, each its own', (code, status, detail) => {
    const said = LANGUAGES.map((lang) => ruleText(lang, refusal(status, code, detail)));
    for (const text of said) expect(text).toMatch(/\S/);
    expect(new Set(said).size).toBe(LANGUAGES.length);
  });

  it.each(codes)('replace the English detail and the code of %s', (code, status, detail) => {
    for (const lang of LANGUAGES) {
      const reason = problemReason(refusal(status, code, detail), lang);
      expect(reason).not.toContain(detail);
      expect(reason).not.toContain(code.split('.')[1]);
    }
  });
});
