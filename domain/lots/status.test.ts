import { describe, expect, it } from 'vitest';
import {
  applyLotCommand,
  availableLotActions,
  type LotCommand,
  type LotParty,
  type LotState,
  newLot,
} from './status.ts';

const NOW = Date.parse('2027-03-01T06:00:00Z');
const DAY = 86_400_000;

/** Applies the steps in order and fails the test on the first refusal. */
function run(steps: [LotCommand, LotParty, number?][], from = newLot()): LotState {
  let lot = from;
  for (const [command, party, at] of steps) {
    const r = applyLotCommand(lot, command, party, at ?? NOW);
    if (!r.ok) throw new Error(`${command.type} refused: ${JSON.stringify(r.refusal)}`);
    lot = r.lot;
  }
  return lot;
}

const approved = () =>
  run([
    [{ type: 'submit' }, 'officer'],
    [{ type: 'approve', decisionDocument: 'doc-1' }, 'council'],
  ]);
const applying = () =>
  run(
    [
      [{ type: 'open_applications', closesAt: NOW + 10 * DAY }, 'officer'],
      [{ type: 'apply', organizationId: 'org-a', tariff: 120_000, eligible: true }, 'organization'],
      [{ type: 'apply', organizationId: 'org-b', tariff: 110_000, eligible: true }, 'organization'],
    ],
    approved(),
  );

describe('approval', () => {
  it('returned with remarks, resubmitted, approved with the signed act', () => {
    const lot = run([
      [{ type: 'submit' }, 'officer'],
      [{ type: 'return', remarks: ' Lot 3 is under 7,000 apartments ' }, 'council'],
    ]);
    expect(lot).toMatchObject({ approval: 'returned', remarks: 'Lot 3 is under 7,000 apartments' });
    expect(
      run(
        [
          [{ type: 'submit' }, 'officer'],
          [{ type: 'approve', decisionDocument: 'doc-2' }, 'council'],
        ],
        lot,
      ),
    ).toMatchObject({ approval: 'approved', remarks: null, decisionDocument: 'doc-2' });
  });

  it('refuses a return without remarks, an approval without its act, and the wrong party', () => {
    const submitted = run([[{ type: 'submit' }, 'officer']]);
    expect(applyLotCommand(submitted, { type: 'return', remarks: '  ' }, 'council', NOW)).toEqual({
      ok: false,
      refusal: { code: 'remarks_required' },
    });
    expect(
      applyLotCommand(submitted, { type: 'approve', decisionDocument: '' }, 'council', NOW),
    ).toMatchObject({
      refusal: { code: 'document_required' },
    });
    expect(
      applyLotCommand(submitted, { type: 'approve', decisionDocument: 'd' }, 'officer', NOW),
    ).toMatchObject({
      refusal: { code: 'forbidden' },
    });
  });

  it('an approved lot changes only as a new version that is approved again', () => {
    const lot = approved();
    expect(applyLotCommand(lot, { type: 'submit' }, 'officer', NOW)).toMatchObject({
      refusal: { code: 'not_allowed_from_state' },
    });
    expect(run([[{ type: 'revise' }, 'officer']], lot)).toMatchObject({ version: 2, approval: 'draft' });
  });

  it('a lot whose owners are choosing cannot be revised under them', () => {
    expect(availableLotActions(applying(), 'officer')).toEqual([]);
  });
});

describe("the owners' choice", () => {
  it('candidates apply in the window (again replaces the offer); after it, the vote chooses one', () => {
    let lot = run(
      [[{ type: 'apply', organizationId: 'org-a', tariff: 100_000, eligible: true }, 'organization']],
      applying(),
    );
    expect(lot.candidates.map((c) => [c.organizationId, c.tariff])).toEqual([
      ['org-b', 110_000],
      ['org-a', 100_000],
    ]);
    lot = run(
      [
        [{ type: 'close_applications' }, 'system', NOW + 10 * DAY],
        [{ type: 'record_vote', outcome: { kind: 'chosen', organizationId: 'org-a' } }, 'system'],
      ],
      lot,
    );
    expect(lot).toMatchObject({ selection: 'chosen', organizationId: 'org-a' });
    expect(availableLotActions(lot, 'officer')).toEqual(['revise']);
  });

  it('refuses an application after the window, an ineligible organization and a tariff that is not whole tiyin', () => {
    const lot = applying();
    const apply = (c: Partial<Extract<LotCommand, { type: 'apply' }>>, at = NOW) =>
      applyLotCommand(
        lot,
        { type: 'apply', organizationId: 'org-c', tariff: 1, eligible: true, ...c },
        'organization',
        at,
      );
    expect(apply({}, NOW + 10 * DAY)).toMatchObject({ refusal: { code: 'window_closed' } });
    expect(apply({ eligible: false })).toMatchObject({ refusal: { code: 'not_eligible' } });
    expect(apply({ tariff: 1.5 })).toMatchObject({ refusal: { code: 'invalid_tariff' } });
  });

  it('the window closes only when it ends, and the vote can only choose a candidate', () => {
    expect(applyLotCommand(applying(), { type: 'close_applications' }, 'system', NOW)).toMatchObject({
      refusal: { code: 'window_open' },
    });
    const voting = run([[{ type: 'close_applications' }, 'system', NOW + 10 * DAY]], applying());
    expect(
      applyLotCommand(
        voting,
        { type: 'record_vote', outcome: { kind: 'chosen', organizationId: 'org-x' } },
        'system',
        NOW,
      ),
    ).toMatchObject({ refusal: { code: 'not_a_candidate' } });
  });
});

describe('competition', () => {
  const voting = () => run([[{ type: 'close_applications' }, 'system', NOW + 10 * DAY]], applying());

  it('no quorum is repeated once; no quorum again goes to competition, and the council appoints', () => {
    const lot = run(
      [
        [{ type: 'record_vote', outcome: { kind: 'no_quorum' } }, 'system'],
        [{ type: 'record_vote', outcome: { kind: 'no_quorum' } }, 'system'],
      ],
      voting(),
    );
    expect(lot).toMatchObject({ selection: 'competition', competitionReason: 'no_quorum' });
    expect(run([[{ type: 'appoint', organizationId: 'org-b' }, 'council']], lot)).toMatchObject({
      selection: 'appointed',
      organizationId: 'org-b',
    });
  });

  it('no majority goes straight to competition', () => {
    expect(
      run([[{ type: 'record_vote', outcome: { kind: 'no_majority' } }, 'system']], voting()),
    ).toMatchObject({
      selection: 'competition',
      competitionReason: 'no_majority',
    });
  });

  it('no candidate at the end of the window goes to competition', () => {
    const lot = run(
      [
        [{ type: 'open_applications', closesAt: NOW + DAY }, 'officer'],
        [{ type: 'close_applications' }, 'system', NOW + DAY],
      ],
      approved(),
    );
    expect(lot).toMatchObject({ selection: 'competition', competitionReason: 'no_candidates' });
  });
});
