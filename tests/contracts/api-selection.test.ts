// Selection through a general meeting: only a registered organization can be put to the vote,
// and a contract follows an adopted management_organization item for exactly the organization
// chosen, signed for the owners by the meeting's authorized representative (its chair by default).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../db/meetings/meetings.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import type { Decision } from '../../domain/meetings/decide.ts';
import { resolvePolicy } from '../../domain/meetings/policy.ts';
import { call, newKey, newOrganization, ok, problem } from '../register/api-fixtures.ts';
import {
  type ContractsEnv,
  contract,
  type Lot,
  MANAGEMENT_PARAMETERS,
  newLot,
  sign,
  startContractsEnv,
} from './fixtures.ts';

let env: ContractsEnv;
beforeAll(async () => {
  env = await startContractsEnv();
});
afterAll(async () => {
  await env?.stop();
});

const DAY = 86_400_000;

/** A meeting of the lot's building that chose `organizationId`, with `adopted` as its outcome. */
async function decidedMeeting(lot: Lot, organizationId: string, adopted: boolean) {
  const now = Date.now();
  const { meeting } = await createMeeting(env.em(), {
    title: 'Choice of the management organization',
    kind: 'extraordinary',
    form: 'electronic',
    buildingIds: [lot.buildingId],
    initiator: { kind: 'owners', userId: lot.rep.userId, name: 'Owner' },
    chairUserId: lot.rep.userId,
    secretaryUserId: lot.rep.userId,
    noticeAt: new Date(now - 20 * DAY),
    votingOpensAt: new Date(now - 10 * DAY),
    votingClosesAt: new Date(now - DAY),
    policy: resolvePolicy(),
    agenda: [
      { title: 'Choose the organization', description: '', kind: 'management_organization', organizationId },
    ],
  });
  const item = meeting.agenda[0]!;
  const decision: Decision = {
    quorumReached: true,
    totalWeight: 100,
    participatingWeight: 80,
    items: [
      {
        itemId: item.id,
        kind: item.kind,
        for: adopted ? 70 : 10,
        against: adopted ? 10 : 70,
        abstain: 0,
        rule: 'majority_of_all',
        accepted: adopted,
      } as Decision['items'][number],
    ],
  };
  await env
    .em()
    .getConnection()
    .execute(`update meeting set phase = 'decided', decision = ?::jsonb where id = ?`, [
      JSON.stringify(decision),
      meeting.id,
    ]);
  return { meetingId: meeting.id, agendaItemId: item.id };
}

const start = (lot: Lot, token: string, body: Record<string, unknown>) =>
  call(env.app, 'POST', '/contracts', {
    token,
    key: newKey(),
    body: { kind: 'management', organizationId: lot.org.id, parameters: MANAGEMENT_PARAMETERS, ...body },
  });

describe('selection by the general meeting', () => {
  it('refuses to put an unregistered organization to the vote', async () => {
    const lot = await newLot(env);
    const applicant = await newOrganization(env);
    await expect(decidedMeeting(lot, applicant.id, true)).rejects.toSatisfy(
      (e) =>
        e instanceof RuleError && e.code === 'not_selectable' && e.fields[0] === 'agenda.0.organizationId',
    );
  });

  it('starts the contract from the adopted item, the chair representing the owners, and the parties conclude it', async () => {
    const lot = await newLot(env);
    const source = await decidedMeeting(lot, lot.org.id, true);
    // The chosen organization's staff may start it; the buildings and the representative come from the meeting.
    const started = await ok<ContractView>(await start(lot, lot.staff.token, { source }), 201);
    expect(started).toMatchObject({
      source,
      buildingIds: [lot.buildingId],
      parties: { owners: { userId: lot.rep.userId } },
      state: 'awaiting_signatures',
    });
    await ok(
      await sign(env, lot.rep.token, await lot.rep.key(), await contract(env, lot.rep.token, started.id)),
    );
    const active = await ok<ContractView>(
      await sign(
        env,
        lot.staff.token,
        await lot.staff.key(),
        await contract(env, lot.staff.token, started.id),
      ),
    );
    expect(active.state).toBe('active');
    const doc = await call(env.app, 'GET', `/contracts/${active.id}/document`, { token: lot.rep.token });
    expect(await doc.text()).toContain('Choice of the management organization');
  });

  it('starts one contract per decision; a retry with the same key answers the first', async () => {
    const lot = await newLot(env);
    const source = await decidedMeeting(lot, lot.org.id, true);
    const key = newKey();
    const body = {
      kind: 'management',
      organizationId: lot.org.id,
      parameters: MANAGEMENT_PARAMETERS,
      source,
    };
    const first = await ok<ContractView>(
      await call(env.app, 'POST', '/contracts', { token: lot.staff.token, key, body }),
      201,
    );
    const replay = await ok<ContractView>(
      await call(env.app, 'POST', '/contracts', { token: lot.staff.token, key, body }),
    );
    expect(replay.id).toBe(first.id);
    await problem(await start(lot, lot.org.tokens.council, { source }), 409, 'body.source.agendaItemId');
  });

  it('refuses a contract the meeting did not decide: not adopted, another organization, not yet decided', async () => {
    const lot = await newLot(env);
    const rejected = await decidedMeeting(lot, lot.org.id, false);
    await problem(await start(lot, lot.staff.token, { source: rejected }), 409, 'body.source.agendaItemId');

    const other = await newLot(env);
    const chosenOther = await decidedMeeting(lot, other.org.id, true);
    await problem(
      await start(lot, lot.org.tokens.council, { source: chosenOther }),
      409,
      'body.organizationId',
    );

    await problem(
      await start(lot, lot.org.tokens.council, {
        source: { meetingId: randomUUID(), agendaItemId: randomUUID() },
      }),
      400,
      'body.source.meetingId',
    );
  });

  it('another organization’s staff may not start it, nor may a resident who is not the representative', async () => {
    const lot = await newLot(env);
    const source = await decidedMeeting(lot, lot.org.id, true);
    const other = await newLot(env);
    await problem(await start(lot, other.staff.token, { source }), 403, {
      detail: 'you may not start a contract for these buildings',
    });
    await problem(await start(lot, other.rep.token, { source }), 403, {
      detail: 'you may not start a contract for these buildings',
    });
  });
});
