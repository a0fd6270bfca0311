// Replays recorded daily billing histories (tests/billing/fixtures/daily, made by
// scripts/record-billing-history.ts daily) against today's workflow code. A run pages through thousands
// of batches and continues as new; a change that would send a run in flight down another path
// must fail here: guard it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/daily/', import.meta.url));

describe('recorded daily billing histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES))
      .filter((f) => f.startsWith('billing-daily-') && f.endsWith('.json'))
      .sort();
    // The handover day in batches of one: penalties for two debtors, then three owners, two blocked.
    expect(files).toEqual(['billing-daily-handover.json']);
    const results = await replayFixtures(FIXTURES, files, 'billing-daily-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
