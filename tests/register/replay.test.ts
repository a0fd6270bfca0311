// Replays recorded register-review histories (tests/register/fixtures, made by
// scripts/record-register-history.ts) against today's workflow code. A review waits weeks for a
// correction and a registration a year for its re-check, so a change that would send runs in
// flight down a different path must fail here: guard it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded register-review histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES))
      .filter((f) => f.startsWith('register-') && f.endsWith('.json'))
      .sort();
    // Corrections → resubmission → registered → removed (the corrections timer cancelled);
    // corrections deadline passed → rejected by the system (the timer fired); the first run of a
    // registration whose re-check passed (continued as new); registered → removed (removal
    // notices); rejected by the reviewer straight from review.
    expect(files).toEqual([
      'register-corrected-resubmitted-registered.json',
      'register-corrections-deadline-rejected.json',
      'register-recheck-passed-first-run.json',
      'register-registered-then-removed.json',
      'register-rejected.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'register-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
