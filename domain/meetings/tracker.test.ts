import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../common/sha256.ts';
import {
  type BallotContent,
  ballotSetHash,
  canonicalBallot,
  computeTracker,
  newReceiptSecret,
  type PublishedBallot,
  SECRET_PATTERN,
} from './tracker.ts';

const ballot: BallotContent = {
  meetingId: 'm-1',
  apartmentId: 'a-1',
  ownerId: 'o-1',
  choices: { 'item-b': 'against', 'item-a': 'for' },
};
const SECRET = '0123456789abcdef'.repeat(4);

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(await sha256Hex('abc'));
  });
});

describe('computeTracker', () => {
  it('is SHA-256 of the canonical ballot, a bar and the secret (known answer)', async () => {
    // The published formula, pinned: a change to the canonical form or the hash breaks every
    // receipt voters already hold. Computed outside this code with
    //   printf '%s' 'mu-ballot/v1|<meetingId>|<apartmentId>|<ownerId>|<id>=for;<id>=against;<id>=abstain|<secret>' | sha256sum
    // with the ids below, the choices in item-id order and the secret below.
    const id = (tail: string) => `0195f3a0-8c1e-7000-8000-${tail.padStart(12, '0')}`;
    const known: BallotContent = {
      meetingId: id('1'),
      apartmentId: id('a7'),
      ownerId: id('b0b0'),
      choices: { [id('13')]: 'abstain', [id('11')]: 'for', [id('12')]: 'against' },
    };
    const secret = '0123456789abcdef0123456789abcdeffedcba9876543210fedcba9876543210';
    expect(await computeTracker(known, secret)).toBe(
      '8588d07d77b74955b7f989895670ad8b7c4ee2d771431fd99fef98916494b4a2',
    );
  });

  it('is deterministic and independent of the order of the choices', async () => {
    const reordered = { ...ballot, choices: { 'item-a': 'for', 'item-b': 'against' } } as BallotContent;
    expect(canonicalBallot(ballot)).toBe('mu-ballot/v1|m-1|a-1|o-1|item-a=for;item-b=against');
    expect(await computeTracker(ballot, SECRET)).toBe(await computeTracker(reordered, SECRET));
    expect(await computeTracker(ballot, SECRET)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any part of the ballot or the secret', async () => {
    const base = await computeTracker(ballot, SECRET);
    const variants: BallotContent[] = [
      { ...ballot, meetingId: 'm-2' },
      { ...ballot, apartmentId: 'a-2' },
      { ...ballot, ownerId: 'o-2' },
      { ...ballot, choices: { ...ballot.choices, 'item-a': 'abstain' } },
    ];
    for (const v of variants) expect(await computeTracker(v, SECRET)).not.toBe(base);
    expect(await computeTracker(ballot, `${SECRET.slice(0, -1)}0`)).not.toBe(base);
  });

  it('refuses secrets that are short, upper-case or not hex', async () => {
    await expect(computeTracker(ballot, 'abc')).rejects.toThrow(RangeError);
    await expect(computeTracker(ballot, SECRET.toUpperCase())).rejects.toThrow(RangeError);
    await expect(computeTracker(ballot, 'g'.repeat(64))).rejects.toThrow(RangeError);
  });

  it('new secrets are 64 hex digits and never repeat', () => {
    const secrets = new Set(Array.from({ length: 100 }, newReceiptSecret));
    expect(secrets.size).toBe(100);
    for (const s of secrets) expect(s).toMatch(SECRET_PATTERN);
    expect([...secrets][0]).toHaveLength(64);
  });
});

describe('ballotSetHash', () => {
  const set: PublishedBallot[] = [
    { tracker: 'a'.repeat(64), weight: 30000, choices: { x: 'for', y: 'against' } },
    { tracker: 'b'.repeat(64), weight: 18000, choices: { x: 'abstain', y: 'for' } },
    { tracker: 'c'.repeat(64), weight: 9100, choices: { y: 'for', x: 'for' } },
  ];

  it('does not depend on the order of ballots or of their choices', async () => {
    const shuffled = [
      set[2]!,
      set[0]!,
      { ...set[1]!, choices: { y: 'for', x: 'abstain' } } as PublishedBallot,
    ];
    expect(await ballotSetHash(shuffled)).toBe(await ballotSetHash(set));
  });

  it('changes when a ballot is added, dropped or altered', async () => {
    const base = await ballotSetHash(set);
    expect(await ballotSetHash(set.slice(1))).not.toBe(base);
    expect(await ballotSetHash([...set, { ...set[0]!, tracker: 'd'.repeat(64) }])).not.toBe(base);
    expect(await ballotSetHash([{ ...set[0]!, weight: 30001 }, set[1]!, set[2]!])).not.toBe(base);
    expect(
      await ballotSetHash([{ ...set[0]!, choices: { x: 'against', y: 'against' } }, set[1]!, set[2]!]),
    ).not.toBe(base);
  });

  it('is SHA-256 of the sorted published lines joined by newlines (known answer)', async () => {
    // Computed outside this code with
    //   printf '%s\n%s' "$(printf 'a%.0s' $(seq 64))|30000|x=for;y=against" \
    //     "$(printf 'b%.0s' $(seq 64))|18000|x=abstain;y=for" | sha256sum
    expect(await ballotSetHash([set[1]!, set[0]!])).toBe(
      'f9d60ef9d0d34a591b5c80f778ca1ec1f00f665e36001728d2a2b61f7749d907',
    );
  });

  it('is recomputable by anyone from the published lines', async () => {
    const lines = [
      `${'a'.repeat(64)}|30000|x=for;y=against`,
      `${'b'.repeat(64)}|18000|x=abstain;y=for`,
      `${'c'.repeat(64)}|9100|x=for;y=for`,
    ];
    expect(await ballotSetHash(set)).toBe(await sha256Hex(lines.join('\n')));
    expect(await ballotSetHash([])).toBe(await sha256Hex(''));
  });
});
