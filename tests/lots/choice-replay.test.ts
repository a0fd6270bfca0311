// Replays recorded histories of lots' owners' choices (tests/lots/fixtures/choice-*.json, made by
// scripts/record-lots-choice-history.ts) against today's workflow code. A choice runs for weeks
// (window, notice, vote, competition), so a change that would send runs in flight down a different
// path must fail here: guard it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe("recorded histories of lots' choices", () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES))
      .filter((f) => f.startsWith('choice-') && f.endsWith('.json'))
      .sort();
    // Chosen by the lot-wide vote; no candidate, so a competition and the council's appointment;
    // each before and after the owners were told the outcome (patch lots-choice-owners-told). A
    // competition nobody bid in for two rounds: the run that continued as new, and the run that
    // began at the third round and appointed (patch lots-choice-competition-continued).
    expect(files).toEqual([
      'choice-competition-appointed-owners-told.json',
      'choice-competition-continued-appointed-run.json',
      'choice-competition-continued-first-run.json',
      'choice-no-candidate-competition-appointed.json',
      'choice-voted-chosen-owners-told.json',
      'choice-voted-chosen.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'lots-choice-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
