// Replays recorded lot-approval histories (tests/lots/fixtures, made by
// scripts/record-lots-history.ts) against today's workflow code. An approval waits weeks on the
// council, so a change that would send runs in flight down a different path must fail here: guard
// it with patched() and keep the old fixtures.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SIGNED_ACT_PATCH } from '../../workflows/lots/approval.ts';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The patch ids a recorded history's markers carry (base64 JSON payloads `{ id, deprecated }`). */
async function patchesOf(file: string): Promise<string[]> {
  const history = JSON.parse(await readFile(`${FIXTURES}${file}`, 'utf8')) as {
    events: {
      markerRecordedEventAttributes?: { details?: Record<string, { payloads: { data: string }[] }> };
    }[];
  };
  return history.events.flatMap((e) =>
    Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((d) =>
      d.payloads.map(
        (p) => (JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) as { id: string }).id,
      ),
    ),
  );
}

describe('recorded lot-approval histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.startsWith('lot-') && f.endsWith('.json')).sort();
    // The deadline passed undecided (reminder, escalation), then approved; returned with remarks,
    // resubmitted and approved before any timer fired; the same approved by the signed act
    // (patched('lots-approval-signed-act')), whose marker that history holds.
    expect(files).toEqual([
      'lot-overdue-escalated-approved.json',
      'lot-returned-resubmitted-approved.json',
      'lot-returned-resubmitted-signed-approved.json',
    ]);
    expect(await patchesOf('lot-returned-resubmitted-signed-approved.json')).toEqual([SIGNED_ACT_PATCH]);
    for (const old of files.slice(0, 2)) expect(await patchesOf(old)).toEqual([]);
    const results = await replayFixtures(FIXTURES, files, 'lots-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
