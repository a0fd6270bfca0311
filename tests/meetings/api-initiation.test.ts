// Calling, reading, cancelling and postponing meetings over HTTP: who may initiate what (the
// initiation rules with real ownership weights), idempotent initiation that starts exactly one
// workflow, scoping of reads, and bad input named field by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../domain/common/page.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import type { BuildingView } from '../../domain/registry/types.ts';
import { workflowHandle } from '../../platform/workflow-client.ts';
import { meetingWorkflow, meetingWorkflowId } from '../../workflows/meetings/contract.ts';
import { type Api, DEMO_IDS, meetingIn, newKey, ok, problem, startApi, tokenFor } from './api-fixtures.ts';

let api: Api;
let buildings: BuildingView[];
/** Read on their own: other files add buildings to the suite's database, which can fill a page. */
let councilBuildings: BuildingView[];
let managerOrg: string;
let councilDistrict: string;

beforeAll(async () => {
  api = await startApi();
  const page = await ok<Page<BuildingView>>(
    await api.request('GET', '/api/v1/buildings?pageSize=200', { as: 'admin' }),
  );
  buildings = page.items;
  const me = await ok<{ organizationId: string }>(await api.request('GET', '/api/v1/me', { as: 'manager' }));
  managerOrg = me.organizationId;
  const council = await ok<{ districtId: string }>(await api.request('GET', '/api/v1/me', { as: 'council' }));
  councilDistrict = council.districtId;
  councilBuildings = (
    await ok<Page<BuildingView>>(
      await api.request('GET', `/api/v1/buildings?districtId=${councilDistrict}&pageSize=200`, {
        as: 'admin',
      }),
    )
  ).items;
});
afterAll(() => api.t.close());

const DAY = 86_400_000;
function body(over: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    title: 'Annual meeting of owners',
    kind: 'annual',
    form: 'electronic',
    buildingIds: [DEMO_IDS.building],
    initiator: 'owners',
    votingOpensAt: new Date(now + 11 * DAY).toISOString(),
    votingClosesAt: new Date(now + 25 * DAY).toISOString(),
    agenda: [
      {
        title: 'Approve the annual report',
        description: 'Report of the management company',
        kind: 'ordinary',
      },
      { title: 'Roof repair', description: 'Capital repair of the roof', kind: 'capital_repair' },
    ],
    ...over,
  };
}

const create = (as: string, b: unknown, key = newKey()) =>
  api.request('POST', '/api/v1/meetings', { as, body: b, key });

describe('POST /api/v1/meetings: who may initiate', () => {
  it('an owner calls an annual meeting of their building, and its workflow starts', async () => {
    const res = await create('resident', body());
    const m = await ok<MeetingView>(res, 201);
    expect(res.headers.get('location')).toBe(`/api/v1/meetings/${m.id}`);
    expect(m).toMatchObject({
      phase: 'notice',
      attempt: 1,
      kind: 'annual',
      buildingIds: [DEMO_IDS.building],
    });
    expect(m.initiator).toMatchObject({ kind: 'owners', userId: DEMO_IDS.users.resident });
    // Chair and secretary default to the initiator; the quorum rule travels with the meeting.
    expect(m).toMatchObject({
      chairUserId: DEMO_IDS.users.resident,
      secretaryUserId: DEMO_IDS.users.resident,
      quorumShare: { numerator: 1, denominator: 2 },
    });
    expect(m.agenda.map((a) => [a.position, a.kind, a.rule])).toEqual([
      [expect.any(Number), 'ordinary', 'majority_of_cast'],
      [expect.any(Number), 'capital_repair', 'two_thirds_of_all'],
    ]);
    expect(m.decision).toBeNull();
    const described = await workflowHandle(
      api.t.deps.temporal!,
      meetingWorkflow,
      meetingWorkflowId(m.id),
    ).describe();
    expect(described.type).toBe('generalMeeting');
  });

  it('an owner holding under 10% of the votes cannot call an extraordinary meeting', async () => {
    const res = await create('resident', body({ kind: 'extraordinary' }));
    await problem(res, 403, 'body.coInitiatorUserIds');
  });

  it('a co-initiator that does not exist is named', async () => {
    const res = await create(
      'resident',
      body({ kind: 'extraordinary', coInitiatorUserIds: [crypto.randomUUID()] }),
    );
    await problem(res, 400, 'body.coInitiatorUserIds.0');
  });

  it('the management company calls a meeting of a building it manages, not of another organization', async () => {
    await ok(await create('manager', body({ initiator: 'management_organization' })), 201);
    const foreign = buildings.find(
      (b) => b.managementOrganization && b.managementOrganization.id !== managerOrg,
    )!;
    expect(foreign).toBeDefined();
    const res = await create(
      'manager',
      body({ initiator: 'management_organization', buildingIds: [foreign.id] }),
    );
    await problem(res, 403, 'body.buildingIds');
  });

  it('the council calls a meeting in its district, not outside it', async () => {
    const inside = councilBuildings.slice(0, 3);
    expect(inside).toHaveLength(3);
    const m = await ok<MeetingView>(
      await create(
        'council',
        body({ initiator: 'council', kind: 'extraordinary', buildingIds: inside.map((b) => b.id) }),
      ),
      201,
    );
    expect(m.buildingIds.sort()).toEqual(inside.map((b) => b.id).sort());
    const outside = buildings.find((b) => b.district.id !== councilDistrict)!;
    await problem(
      await create('council', body({ initiator: 'council', buildingIds: [outside.id] })),
      403,
      'body.buildingIds',
    );
  });

  it('nobody initiates in a capacity they do not hold', async () => {
    await problem(await create('resident', body({ initiator: 'council' })), 403, 'body.initiator');
    await problem(await create('manager', body({ initiator: 'owners' })), 403, 'body.initiator');
  });

  it('401 without a token, 403 for roles that never initiate', async () => {
    await problem(await api.request('POST', '/api/v1/meetings', { body: body(), key: newKey() }), 401);
    await problem(await create('inspector', body()), 403, {
      detail: 'this endpoint is for: resident, management_company, council',
    });
    await problem(await create('admin', body()), 403, {
      detail: 'this endpoint is for: resident, management_company, council',
    });
  });
});

describe('POST /api/v1/meetings: idempotency', () => {
  it('a retried request returns the same meeting and starts one workflow', async () => {
    const key = newKey();
    const b = body();
    const first = await ok<MeetingView>(await create('resident', b, key), 201);
    const second = await ok<MeetingView>(await create('resident', b, key), 200);
    expect(second.id).toBe(first.id);
    const handle = workflowHandle(api.t.deps.temporal!, meetingWorkflow, meetingWorkflowId(first.id));
    const run = (await handle.describe()).runId;
    const third = await ok<MeetingView>(await create('resident', b, key), 200);
    expect(third.id).toBe(first.id);
    // The same run: the retry neither restarted nor replaced the workflow.
    expect((await handle.describe()).runId).toBe(run);
  });

  it('the same key with another body is a conflict', async () => {
    const key = newKey();
    await ok(await create('resident', body(), key), 201);
    await problem(await create('resident', body({ title: 'Another title' }), key), 409, {
      detail: 'this idempotency key (or meeting id) was already used for a different request',
    });
  });

  it('the same key from another caller is another meeting', async () => {
    const key = newKey();
    const a = await ok<MeetingView>(await create('resident', body(), key), 201);
    const b = await ok<MeetingView>(await create('resident2', body(), key), 201);
    expect(b.id).not.toBe(a.id);
  });
});

describe('POST /api/v1/meetings: bad input', () => {
  it('names each failing field', async () => {
    await problem(
      await api.request('POST', '/api/v1/meetings', { as: 'resident', body: body() }),
      400,
      'header.idempotency-key',
    );
    await problem(await create('resident', body({ agenda: [] })), 400, 'body.agenda');
    await problem(
      await create('resident', body({ agenda: [{ title: 'x', kind: 'bribery' }] })),
      400,
      'body.agenda.0.kind',
    );
    await problem(await create('resident', body({ buildingIds: ['nope'] })), 400, 'body.buildingIds.0');
    await problem(await create('resident', body({ kind: 'secret' })), 400, 'body.kind');
    await problem(await create('resident', body({ votingOpensAt: 'tomorrow' })), 400, 'body.votingOpensAt');
    const res = await api.request('POST', '/api/v1/meetings', { as: 'resident', key: newKey() });
    await problem(res, 400, 'body.title');
  });

  it('checks the dates against the notice period and the voting length', async () => {
    const now = Date.now();
    const early = body({
      votingOpensAt: new Date(now + 2 * DAY).toISOString(),
      votingClosesAt: new Date(now + 12 * DAY).toISOString(),
    });
    await problem(await create('resident', early), 400, 'body.votingOpensAt');
    const short = body({ votingClosesAt: new Date(now + 12 * DAY).toISOString() });
    await problem(await create('resident', short), 400, 'body.votingClosesAt');
  });

  it('an unknown building is named, not a server error', async () => {
    const res = await create('resident', body({ buildingIds: [DEMO_IDS.building, crypto.randomUUID()] }));
    await problem(res, 400, 'body.buildingIds.1');
  });
});

describe('POST /api/v1/meetings: choosing a management organization', () => {
  const choose = (organizationId: string) =>
    body({
      agenda: [
        { title: 'Choose the management organization', kind: 'management_organization', organizationId },
      ],
    });

  it('keeps the registered organization an item puts to the vote', async () => {
    const m = await ok<MeetingView>(await create('resident', choose(managerOrg)), 201);
    expect(m.agenda.map((a) => [a.kind, a.organizationId])).toEqual([
      ['management_organization', managerOrg],
    ]);
  });

  it('refuses an organization that is not registered (409) or does not exist (400)', async () => {
    const suspended = await ok<Page<{ id: string }>>(
      await api.request('GET', '/api/v1/register/organizations?status=suspended'),
    );
    await problem(
      await create('resident', choose(suspended.items[0]!.id)),
      409,
      'body.agenda.0.organizationId',
    );
    await problem(
      await create('resident', choose('00000000-0000-4000-8000-000000000000')),
      400,
      'body.agenda.0.organizationId',
    );
  });
});

describe('GET /api/v1/meetings and /meetings/{id}', () => {
  it('lists meetings in scope, filtered by building and phase', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    const page = await ok<Page<MeetingView>>(
      await api.request(
        'GET',
        `/api/v1/meetings?buildingId=${DEMO_IDS.building}&phase=discussion&pageSize=200`,
        { as: 'resident' },
      ),
    );
    expect(page.items.map((x) => x.id)).toContain(m.id);
    expect(page.items.every((x) => x.phase === 'discussion')).toBe(true);
    const one = await ok<MeetingView>(
      await api.request('GET', `/api/v1/meetings/${m.id}`, { as: 'inspector' }),
    );
    expect(one.id).toBe(m.id);
  });

  it('hides meetings outside the caller scope', async () => {
    const outside = buildings.find((b) => b.district.id !== councilDistrict)!;
    const m = await meetingIn(api, { buildingIds: [outside.id], initiatorPersona: 'council' });
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}`, { as: 'council' }), 403, {
      detail: 'this meeting is outside your scope',
    });
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}`, { as: 'resident' }), 403, {
      detail: 'this meeting is outside your scope',
    });
    const page = await ok<Page<MeetingView>>(
      await api.request('GET', '/api/v1/meetings?pageSize=200', { as: 'council' }),
    );
    expect(page.items.map((x) => x.id)).not.toContain(m.id);
    const stranger = await tokenFor(api, { roles: ['resident'], personId: crypto.randomUUID() });
    const none = await ok<Page<MeetingView>>(
      await api.request('GET', '/api/v1/meetings', { token: stranger }),
    );
    expect(none.total).toBe(0);
  });

  it('401 without a token; 404 for an unknown meeting; 400 naming bad parameters', async () => {
    await problem(await api.request('GET', '/api/v1/meetings'), 401);
    await problem(await api.request('GET', `/api/v1/meetings/${crypto.randomUUID()}`), 401);
    await problem(await api.request('GET', `/api/v1/meetings/${crypto.randomUUID()}`, { as: 'admin' }), 404, {
      detail: 'no such meeting',
    });
    await problem(await api.request('GET', '/api/v1/meetings/123', { as: 'admin' }), 400, 'param.id');
    await problem(
      await api.request('GET', '/api/v1/meetings?phase=sleeping', { as: 'admin' }),
      400,
      'query.phase',
    );
    await problem(
      await api.request('GET', '/api/v1/meetings?pageSize=0', { as: 'admin' }),
      400,
      'query.pageSize',
    );
  });
});

describe('POST /api/v1/meetings/{id}/cancel and /postpone (without the workflow)', () => {
  const later = () => {
    const now = Date.now();
    return {
      votingOpensAt: new Date(now + 12 * DAY).toISOString(),
      votingClosesAt: new Date(now + 20 * DAY).toISOString(),
    };
  };

  it('only the initiator may change a meeting', async () => {
    const m = await meetingIn(api);
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/cancel`, {
        as: 'resident2',
        body: { reason: 'no' },
      }),
      403,
      { detail: 'only the initiator may cancel or postpone a meeting' },
    );
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/cancel`, { as: 'council', body: { reason: 'no' } }),
      403,
      { detail: 'only the initiator may cancel or postpone a meeting' },
    );
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/postpone`, {
        as: 'manager',
        body: { ...later(), reason: 'no' },
      }),
      403,
      { detail: 'only the initiator may cancel or postpone a meeting' },
    );
  });

  it('409 once voting has opened', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/cancel`, {
        as: 'resident',
        body: { reason: 'too late' },
      }),
      409,
      // The rule's stable code, which the widgets say in the reader's words (widgets/core/rule-messages.ts).
      {
        detail: 'the meeting is in phase voting: it can be changed only before voting opens',
        code: 'meetings.wrong_phase',
      },
    );
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/postpone`, {
        as: 'resident',
        body: { ...later(), reason: 'too late' },
      }),
      409,
      // The rule's stable code, which the widgets say in the reader's words (widgets/core/rule-messages.ts).
      {
        detail: 'the meeting is in phase voting: it can be changed only before voting opens',
        code: 'meetings.wrong_phase',
      },
    );
  });

  it('401 without a token, 400 naming bad fields', async () => {
    const m = await meetingIn(api);
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/cancel`, { body: { reason: 'x' } }),
      401,
    );
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/postpone`, { body: { ...later(), reason: 'x' } }),
      401,
    );
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/cancel`, { as: 'resident', body: { reason: '' } }),
      400,
      'body.reason',
    );
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/postpone`, {
        as: 'resident',
        body: { reason: 'x', votingOpensAt: 'soon' },
      }),
      400,
      'body.votingOpensAt',
    );
    const now = Date.now();
    const tooSoon = {
      votingOpensAt: new Date(now + DAY).toISOString(),
      votingClosesAt: new Date(now + 9 * DAY).toISOString(),
    };
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/postpone`, {
        as: 'resident',
        body: { ...tooSoon, reason: 'x' },
      }),
      400,
      'body.votingOpensAt',
    );
  });
});
