// Replays recorded histories of the monthly accrual (tests/billing/fixtures, made by
// scripts/record-billing-history.ts month: the month with its district child in batches, and a re-run)
// against today's workflow code. A change that would make runs in flight take another path fails
// here, before deployment: guard it with patched() and keep the old fixture.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded accrual histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([
      'billing-accrual-district.json',
      // scripts/record-billing-history.ts receipts: the receipts after the batches (patched).
      'billing-accrual-receipts.json',
      'billing-accrual-rerun.json',
      'billing-month.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'billing-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
