import { describe, expect, it } from 'vitest';
import { describeRefusal } from './refusals.ts';

describe('a refused extension', () => {
  it('says in words which last day it takes, not the rule code', () => {
    expect(describeRefusal({ code: 'extension_too_long', maxLastDay: '2027-01-25' })).toEqual({
      kind: 'invalid',
      message: 'the term may be extended to 2027-01-25 at the latest',
      fields: ['lastDay'],
    });
    expect(describeRefusal({ code: 'extension_not_later', lastDay: '2026-12-23' })).toEqual({
      kind: 'invalid',
      message: 'the new last day must come after the current one, 2026-12-23',
      fields: ['lastDay'],
    });
  });
});
