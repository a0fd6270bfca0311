import { describe, expect, it } from 'vitest';
import { objectLink, openedBy, parseOpen, reportId } from './links.ts';

const ID = 'd3e40000-0000-4000-8000-000b00000001';

describe('links into the portal', () => {
  it('writes one pattern and reads it back', () => {
    const link = objectLink('https://my.gov.uz/uy/', 'meeting', ID);
    expect(link).toBe(`https://my.gov.uz/uy/?open=meeting:${ID}`);
    expect(openedBy(new URL(link).search)).toEqual({ kind: 'meeting', id: ID });
    const report = objectLink('http://127.0.0.1:3000', 'report', reportId(ID, '2026-Q4'));
    expect(openedBy(new URL(report).search)).toEqual({ kind: 'report', id: `${ID}:2026-Q4` });
  });

  it('still opens the one-kind parameters older mails carry', () => {
    expect(openedBy(`?appeal=${ID}`)).toEqual({ kind: 'appeal', id: ID });
    expect(openedBy(`?persona=resident&meeting=${ID}`)).toEqual({ kind: 'meeting', id: ID });
  });

  it('opens nothing for an unknown kind or an id that is not one', () => {
    expect(parseOpen(`invoice:${ID}`)).toBeNull();
    expect(parseOpen('meeting:')).toBeNull();
    expect(parseOpen('meeting:<script>')).toBeNull();
    expect(parseOpen(ID)).toBeNull();
    expect(() => objectLink('http://x', 'appeal', 'a b')).toThrow();
  });
});
