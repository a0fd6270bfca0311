import { describe, expect, it } from 'vitest';
import { ballotOrder, programmeService, tariffSom, voteOutcome } from './choice.ts';
import { applyLotCommand, type LotState, newLot } from './status.ts';

const items = [
  { organizationId: 'org-a', agendaItemId: 'item-a' },
  { organizationId: 'org-b', agendaItemId: 'item-b' },
];
const decision = (quorumReached: boolean, a: [number, boolean], b: [number, boolean]) => ({
  quorumReached,
  items: [
    { itemId: 'item-a', for: a[0], accepted: a[1] },
    { itemId: 'item-b', for: b[0], accepted: b[1] },
  ],
});

describe("reading the lot meeting's decision", () => {
  it('is no quorum without quorum, whatever the items say', () => {
    expect(voteOutcome(decision(false, [90, true], [0, false]), items)).toEqual({ kind: 'no_quorum' });
  });
  it('chooses the one candidate whose item was adopted', () => {
    expect(voteOutcome(decision(true, [10, false], [60, true]), items)).toEqual({
      kind: 'chosen',
      organizationId: 'org-b',
    });
  });
  it('is no majority when no item was adopted', () => {
    expect(voteOutcome(decision(true, [40, false], [45, false]), items)).toEqual({ kind: 'no_majority' });
  });
  it('takes the most votes when owners adopted two, and a tie is no majority', () => {
    expect(voteOutcome(decision(true, [70, true], [55, true]), items)).toEqual({
      kind: 'chosen',
      organizationId: 'org-a',
    });
    expect(voteOutcome(decision(true, [60, true], [60, true]), items)).toEqual({ kind: 'no_majority' });
  });
});

describe('the ballot and the contract', () => {
  it('orders candidates by tariff, then by the earlier application', () => {
    const c = (organizationId: string, tariff: number, appliedAt: number) => ({
      organizationId,
      tariff,
      appliedAt,
    });
    expect(
      ballotOrder([c('x', 300, 1), c('y', 200, 5), c('z', 200, 2)]).map((x) => x.organizationId),
    ).toEqual(['z', 'y', 'x']);
  });
  it("states the tariff in so'm and names the programme", () => {
    expect(tariffSom(250_050)).toBe(2500.5);
    expect(programmeService(3, 2, 'ab')).toBe(
      'Works of the five-year programme of lot 3, version 2 (programme sha256:ab)',
    );
  });
});

describe('withdrawing an application', () => {
  const open: LotState = {
    ...newLot(),
    approval: 'approved',
    selection: 'applications',
    applicationsCloseAt: 1000,
    candidates: [{ organizationId: 'org-a', tariff: 100, appliedAt: 1 }],
  };
  it('removes the offer within the window', () => {
    const r = applyLotCommand(open, { type: 'withdraw', organizationId: 'org-a' }, 'organization', 10);
    expect(r.ok && r.lot.candidates).toEqual([]);
  });
  it('is refused after the window, for a non-candidate, and for anyone but the organization', () => {
    expect(
      applyLotCommand(open, { type: 'withdraw', organizationId: 'org-a' }, 'organization', 1000),
    ).toEqual({
      ok: false,
      refusal: { code: 'window_closed', closesAt: 1000 },
    });
    expect(applyLotCommand(open, { type: 'withdraw', organizationId: 'org-b' }, 'organization', 10)).toEqual({
      ok: false,
      refusal: { code: 'not_a_candidate', organizationId: 'org-b' },
    });
    expect(applyLotCommand(open, { type: 'withdraw', organizationId: 'org-a' }, 'council', 10)).toMatchObject(
      {
        ok: false,
        refusal: { code: 'forbidden' },
      },
    );
  });
});
