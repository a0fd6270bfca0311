// Replays recorded histories (tests/registry/fixtures, made by scripts/record-history.ts) against
// today's workflow code. A change that would make runs already in flight take a different path
// fails here, before deployment: guard it with patched() and keep the old fixture.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded registry-sync histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThan(0);
    const results = await replayFixtures(FIXTURES, files, 'registry-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
