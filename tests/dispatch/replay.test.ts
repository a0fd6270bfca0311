// Replays recorded dispatch histories (tests/dispatch/fixtures, made by
// scripts/record-dispatch-history.ts) against today's workflow code. A request waits days on its
// routine clock and an incident on its dispatcher, so a change that would send runs in flight down
// a different path must fail here: guard it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded dispatch histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort();
    // An incident resolved by its dispatcher (signal, resolution over the set, residents told,
    // completed); an emergency reminded and escalated twice by its timers, worked, rejected and
    // reopened, worked again and confirmed (closed, completed); a request linked to that incident,
    // waiting on its clock; an urgent request whose resident was told each step (accepted, on the
    // way: the 'dispatch-resident-steps' patch); the reopened path again with the steps told
    // after the timers' escalations (the 'dispatch-steps-told-after-timers' patch); steps taken in
    // a row, each signal landing while the one before is read (the
    // 'dispatch-signals-counted-before-read' patch).
    expect(files).toEqual([
      'mass-incident-resolved.json',
      'request-escalated-reopened-confirmed.json',
      'request-mass-linked-waiting.json',
      'request-resident-told-each-step.json',
      'request-steps-in-a-row.json',
      'request-steps-told-after-timers.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'dispatch-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  }, 120_000);
});
