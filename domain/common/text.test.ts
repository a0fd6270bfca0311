import { describe, expect, it } from 'vitest';
import { textFault } from './text.ts';

describe('textFault', () => {
  it('accepts ordinary text in every script, emoji and the three whitespace controls', () => {
    for (const s of ['', 'Ўзбекистон', 'Мирзо Улуғбек', 'a\tb\nc\r\nd', '🏠 uy', 'x'.repeat(10_000)])
      expect(textFault(s), s).toBeNull();
  });

  it('refuses NUL, the other C0 controls and DEL, naming the character and its position', () => {
    expect(textFault('ab\u0000c')).toMatch(/U\+0000 at position 2/);
    for (const code of [1, 8, 11, 12, 14, 27, 31, 127])
      expect(textFault(`x${String.fromCharCode(code)}`), String(code)).toMatch(/control character/);
  });

  it('refuses unpaired surrogates, which jsonb cannot store', () => {
    expect(textFault('a\uD800')).toMatch(/unpaired surrogate \(U\+D800\) at position 1/);
    expect(textFault('\uDC00b')).toMatch(/U\+DC00/);
    expect(textFault('\uD83C\uDFE0')).toBeNull();
  });
});
