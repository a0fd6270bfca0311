// Replays recorded commissioning histories (tests/commissioning/fixtures, made by
// scripts/record-commissioning-history.ts) against today's workflow code. An application waits
// weeks for a passport and signatures, so a change that would send runs in flight down a
// different path must fail here: guard it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded commissioning histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort();
    // Commissioned after cadastre retries; lapsed at the deadline after a reminder; a condition
    // met late after the reminder; rejected by the inspector after a refused update.
    expect(files).toEqual([
      'commissioning-commissioned.json',
      'commissioning-lapsed.json',
      'commissioning-late-condition.json',
      'commissioning-rejected.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'commissioning-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
