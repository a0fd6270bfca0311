// Replays recorded appeal histories (tests/appeals/fixtures, made by
// scripts/record-appeal-history.ts) against today's workflow code. An appeal waits weeks for its
// deadline and a month for a dispute, so a change that would send runs in flight down a different
// path must fail here: guard it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded appeal histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES))
      .filter((f) => f.startsWith('appeal-') && f.endsWith('.json'))
      .sort();
    // Answered in time and accepted with a rating (updates, the close timer cancelled, completed);
    // dispute period over → closed by its timer; disputed → reopened at the council, waiting;
    // overdue → reminded and escalated to the inspection by the timers, waiting; transferred
    // outside the platform (completed), after a refused step.
    expect(files).toEqual([
      'appeal-answered-accepted.json',
      'appeal-dispute-period-closed.json',
      'appeal-disputed-reopened.json',
      'appeal-overdue-escalated.json',
      'appeal-transferred.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'appeal-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
