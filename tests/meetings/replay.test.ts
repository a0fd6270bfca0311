// Replays recorded general-meeting histories (tests/meetings/fixtures, made by
// scripts/record-meeting-history.ts) against today's workflow code. Meetings run for weeks, so
// a change that would send runs in flight down a different path must fail here: guard it with
// patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded general-meeting histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES))
      .filter((f) => f.startsWith('meeting-') && f.endsWith('.json'))
      .sort();
    // Lifecycle, no quorum (both runs of the series), postponed then cancelled — all recorded
    // before the 'keep-notice-period-after-delivery' patch — the vote moved by that patch, and the
    // notices sent through notifications, waited for ('notices-through-notifications'); the
    // protocol signed by both at once ('meetings-signatures-counted-before-read').
    expect(files).toEqual([
      'meeting-completed.json',
      'meeting-no-quorum-first-run.json',
      'meeting-no-quorum-repeat-run.json',
      'meeting-notice-late-moved.json',
      'meeting-notices-through-notifications.json',
      'meeting-postponed-cancelled.json',
      'meeting-signed-together.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'meeting-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
