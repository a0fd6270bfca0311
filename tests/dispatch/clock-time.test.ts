// A dispatch clock's deadline as the technician and the resident read it: the hour alone when it
// runs out today in Tashkent, with its day when it does not ("до 17:51" beside "осталось 23 ч"
// read as today).
import { describe, expect, it } from 'vitest';
import { clockTime } from '../../widgets/dispatch/format.ts';

const at = (iso: string) => Date.parse(iso);

describe('a dispatch deadline', () => {
  it('is the hour alone when it runs out today in Tashkent', () => {
    expect(clockTime(at('2026-12-07T17:51:00+05:00'), at('2026-12-07T08:51:00+05:00'))).toBe('17:51');
  });

  it('names its day when that is tomorrow or later in Tashkent, whatever day it is in UTC', () => {
    // 18:51 on the 7th in Tashkent is 13:51 UTC; 17:51 on the 8th is 12:51 UTC on the 8th.
    expect(clockTime(at('2026-12-08T17:51:00+05:00'), at('2026-12-07T18:51:00+05:00'))).toBe(
      '08.12.2026 17:51',
    );
    // 00:30 on the 8th in Tashkent is still the 7th in UTC: another day for the reader in Tashkent.
    expect(clockTime(at('2026-12-08T00:30:00+05:00'), at('2026-12-07T23:50:00+05:00'))).toBe(
      '08.12.2026 00:30',
    );
    // An overdue one from yesterday names its day too.
    expect(clockTime(at('2026-12-06T23:00:00+05:00'), at('2026-12-07T01:00:00+05:00'))).toBe(
      '06.12.2026 23:00',
    );
  });
});
