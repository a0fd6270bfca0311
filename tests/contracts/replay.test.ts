// Replays recorded contract histories (tests/contracts/fixtures, made by
// scripts/record-contract-history.ts) against today's workflow code. A contract in force waits for
// years and a tax-registration term for weeks, so a change that would send runs in flight down a
// different path must fail here: guard it with patched() and keep the old fixtures.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayFixtures } from '../support/replay.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('recorded contract histories', () => {
  it('replay without nondeterminism against the current workflow code', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort();
    // Concluded and waiting; amended then terminated (completed); refused signatures (failed
    // updates) then concluded; a lease registered with the tax authority; a lease whose term
    // passed: removed through the review workflow's systemRemove signal (both workflows' sides),
    // and removed directly for an organization registered without an application.
    expect(files).toEqual([
      'contract-amended-terminated.json',
      'contract-concluded.json',
      'contract-lease-deadline-missed-legacy-removed.json',
      'contract-lease-deadline-missed-removed.json',
      'contract-lease-tax-registered.json',
      'contract-rejected-then-signed.json',
      'register-removed-for-missed-tax-registration.json',
    ]);
    const results = await replayFixtures(FIXTURES, files, 'contract-fixtures');
    expect(results).toEqual(files.map((file) => ({ file, error: undefined })));
  });
});
