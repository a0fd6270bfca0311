// Replays recorded lot-approval histories (tests/lots/fixtures, made by
// scripts/record-lots-history.ts) against today's workflow code. An approval waits weeks on the
// council, so a change that would send runs in flight down a different path must fail here: guard
// it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded lot-approval histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.startsWith('lot-') && f.endsWith('.json')).sort();
    // The deadline passed undecided (reminder, escalation), then approved; returned with remarks,
    // resubmitted and approved before any timer fired.
    expect(files).toEqual(['lot-overdue-escalated-approved.json', 'lot-returned-resubmitted-approved.json']);
    const results = await replayFixtures(FIXTURES, files, 'lots-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
