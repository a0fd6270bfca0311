// Replays recorded quarterly report histories (tests/reports/fixtures, made by
// scripts/record-reports-history.ts) against today's workflow code: a past quarter's missing report
// stopped and then entered, the current quarter's report entered on time, and the quarter's
// fan-out. A change that would send a workflow in flight down another path must fail here: guard
// it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded quarterly report histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([
      'report-quarter-late.json',
      'report-quarter-on-time.json',
      'reports-quarter-start.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'reports-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
