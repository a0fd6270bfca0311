// Who may call each appeals endpoint, and bad input named by field: 401 without a token, 403 for
// the wrong role or scope (another resident, another organization's staff, another district's
// council and inspector, a resident on the body's steps, staff on the applicant's, the board of
// another district), 400 naming the field, 404 for what does not exist. Every refusal is
// application/problem+json (asserted by `problem`).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Apartment } from '../../db/registry/entities.ts';
import type { AppealJson } from '../../domain/appeals/json.ts';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import {
  type AppealsEnv,
  act,
  newScene,
  PNG_BYTES,
  type Scene,
  signToken,
  startAppealsEnv,
  submit,
  upload,
} from './fixtures.ts';

let env: AppealsEnv;
let s: Scene;
/** Another organization in another district: its resident, staff, council and inspector are outsiders. */
let other: Scene;
/** Registered, at the organization. */
let open: AppealJson;
/** Answered by the organization: the applicant's steps are possible. */
let answered: AppealJson;
/** The applicant's upload, attached to `open`. */
let attachedId: string;
/** The applicant's upload, not attached to anything yet. */
let looseId: string;
/** A resident whose token names no person. */
let nameless: string;
/** A token with no role at all. */
let roleless: string;

beforeAll(async () => {
  env = await startAppealsEnv();
  [s, other] = await Promise.all([newScene(env), newScene(env)]);
  const uploaded = async () =>
    (
      await ok<{ id: string }>(
        await upload(env, s.owner, PNG_BYTES, { type: 'image/png', filename: 'a.png' }),
        201,
      )
    ).id;
  [attachedId, looseId] = await Promise.all([uploaded(), uploaded()]);
  open = await submit(env, s, { attachmentIds: [attachedId] });
  answered = await submit(env, s);
  await ok(await act(env, s.staff, answered.id, 'accept'));
  answered = await ok<AppealJson>(await act(env, s.staff, answered.id, 'answer', { text: 'Fixed.' }));
  nameless = await signToken(env, ['resident']);
  roleless = await signToken(env, []);
});
afterAll(async () => {
  await env?.stop();
});

const get = (path: string, token?: string) => call(env.app, 'GET', path, { token });
const post = (path: string, token: string | undefined, body: unknown, key?: string) =>
  call(env.app, 'POST', path, { token, body, key });

const submitBody = (o: Record<string, unknown> = {}) => ({
  category: 'water',
  subject: { buildingId: s.buildingId },
  text: 'The pipe leaks',
  ...o,
});

/** A valid body for each step, so only the caller or the id is wrong. */
const STEPS: Record<string, unknown> = {
  accept: {},
  answer: { text: 'Done.' },
  transfer: { to: { kind: 'other_body', id: 'gas', name: 'Hududgaz' }, reason: 'Gas supply' },
  extend: { justification: 'An expert check is needed' },
  study: { reason: 'Documents are requested' },
  acceptance: { rating: 5 },
  dispute: { reason: 'It still leaks' },
};
const STAFF_STEPS = ['accept', 'answer', 'transfer', 'extend', 'study'];
const APPLICANT_STEPS = ['acceptance', 'dispute'];

describe('without a token', () => {
  it('every appeals endpoint answers 401', async () => {
    const id = open.id;
    const responses = [
      await upload(env, undefined, PNG_BYTES, { type: 'image/png', filename: 'a.png' }),
      await post('/appeals', undefined, submitBody(), newKey()),
      await get('/appeals'),
      await get(`/appeals/${id}`),
      await get(`/appeal-attachments/${attachedId}`),
      await get(`/appeals/board?districtId=${s.org.districtId}`),
      await get('/appeals/export.csv'),
      ...(await Promise.all(
        Object.entries(STEPS).map(([step, body]) => post(`/appeals/${id}/${step}`, undefined, body)),
      )),
    ];
    expect(responses).toHaveLength(14);
    for (const res of responses) await problem(res, 401);
    // A token that does not verify is no token.
    await problem(await get(`/appeals/${id}`, 'not-a-jwt'), 401);
    await problem(await get('/appeals', `${s.owner.slice(0, -4)}AAAA`), 401);
    // So is a token carrying no role this platform knows.
    await problem(await get('/appeals', roleless), 401);
  });
});

describe('POST /appeal-attachments', () => {
  it('admins do not upload', async () => {
    await problem(
      await upload(env, s.org.tokens.admin, PNG_BYTES, { type: 'image/png', filename: 'a.png' }),
      403,
      { detail: 'this endpoint is for: resident, management_company, council, inspector' },
    );
  });

  it('names the header or the body that is wrong', async () => {
    const raw = (headers: Record<string, string>, body: Uint8Array = PNG_BYTES) =>
      env.app.app.request('/api/v1/appeal-attachments', {
        method: 'POST',
        headers: { Authorization: `Bearer ${s.owner}`, ...headers },
        body: body as Uint8Array<ArrayBuffer>,
      });
    await problem(await raw({ 'Content-Type': 'image/png' }), 400, 'header.x-filename');
    await problem(await raw({ 'Content-Type': 'image/png', 'X-Filename': '' }), 400, 'header.x-filename');
    await problem(
      await raw({ 'Content-Type': 'image/png', 'X-Filename': '%E0%A4%A' }),
      400,
      'header.x-filename',
    );
    await problem(
      await upload(env, s.owner, PNG_BYTES, { type: 'text/plain', filename: 'a.txt' }),
      400,
      'header.content-type',
    );
    await problem(
      await upload(env, s.owner, new Uint8Array(), { type: 'image/png', filename: 'a.png' }),
      400,
      'body',
    );
  });
});

describe('POST /appeals', () => {
  it('only an identified resident owning in the building submits', async () => {
    for (const token of [s.staff, s.org.tokens.council, s.org.tokens.inspector, s.org.tokens.admin])
      await problem(await post('/appeals', token, submitBody(), newKey()), 403, {
        detail: 'this endpoint is for: resident',
      });
    // Another resident, about a building where they own nothing.
    await problem(await post('/appeals', other.owner, submitBody(), newKey()), 403, {
      detail: 'only an owner in this building may appeal about it',
    });
    // Anonymous appeals are not considered: a resident token must name the person.
    await problem(await post('/appeals', nameless, submitBody(), newKey()), 403, {
      detail: 'the token names no person (claim pid): anonymous appeals are not considered',
    });
  });

  it('names each bad field of the body and the missing Idempotency-Key', async () => {
    const bad = async (body: unknown, field: string) =>
      problem(await post('/appeals', s.owner, body, newKey()), 400, field);
    await bad(submitBody({ category: 'nope' }), 'body.category');
    await bad({ subject: { buildingId: s.buildingId }, text: 'x' }, 'body.category');
    await bad(submitBody({ kind: 'rant' }), 'body.kind');
    await bad(submitBody({ subject: undefined }), 'body.subject');
    await bad(submitBody({ subject: { buildingId: 'not-a-uuid' } }), 'body.subject.buildingId');
    await bad(
      submitBody({ subject: { buildingId: s.buildingId, apartmentId: 'x' } }),
      'body.subject.apartmentId',
    );
    await bad(
      submitBody({ subject: { buildingId: s.buildingId, organizationId: 'x' } }),
      'body.subject.organizationId',
    );
    await bad(submitBody({ text: '   ' }), 'body.text');
    await bad(submitBody({ text: 'x'.repeat(10_001) }), 'body.text');
    await bad(submitBody({ attachmentIds: ['x'] }), 'body.attachmentIds.0');
    await bad(submitBody({ attachmentIds: Array.from({ length: 21 }, randomUUID) }), 'body.attachmentIds');
    // Past the schema, the rules: what does not exist, or is not the caller's, is named too.
    await bad(submitBody({ subject: { buildingId: randomUUID() } }), 'body.subject.buildingId');
    const elsewhere = await env.em().findOneOrFail(Apartment, { building: other.buildingId });
    await bad(
      submitBody({ subject: { buildingId: s.buildingId, apartmentId: elsewhere.id } }),
      'body.subject.apartmentId',
    );
    await bad(
      submitBody({ subject: { buildingId: s.buildingId, organizationId: randomUUID() } }),
      'body.subject.organizationId',
    );
    await bad(submitBody({ attachmentIds: [randomUUID()] }), 'body.attachmentIds');
    await bad(submitBody({ attachmentIds: Array.from({ length: 6 }, randomUUID) }), 'body.attachmentIds');
    await problem(await post('/appeals', s.owner, submitBody()), 400, 'header.idempotency-key');
  });
});

describe('GET /appeals', () => {
  it('everyone sees only their own scope', async () => {
    const ids = async (token: string, query = '') =>
      (await ok<{ items: { id: string }[] }>(await get(`/appeals${query}`, token))).items.map((i) => i.id);
    for (const token of [
      other.owner,
      other.staff,
      other.org.tokens.council,
      other.org.tokens.inspector,
      nameless,
    ])
      expect(await ids(token)).toEqual([]);
    // An outsider naming the district does not widen their scope.
    expect(await ids(other.org.tokens.council, `?districtId=${s.org.districtId}`)).toEqual([]);
    expect(await ids(s.staff)).toEqual([answered.id, open.id]);
    expect(await ids(s.owner)).toEqual([answered.id, open.id]);
  });

  it('names each bad query value', async () => {
    const cases: [string, string][] = [
      ['status=nope', 'query.status'],
      ['category=nope', 'query.category'],
      ['mine=yes', 'query.mine'],
      ['overdue=2', 'query.overdue'],
      ['districtId=x', 'query.districtId'],
      ['organizationId=x', 'query.organizationId'],
      ['page=0', 'query.page'],
      ['page=abc', 'query.page'],
      ['pageSize=201', 'query.pageSize'],
      ['pageSize=1.5', 'query.pageSize'],
    ];
    for (const [query, field] of cases) await problem(await get(`/appeals?${query}`, s.owner), 400, field);
  });
});

describe('GET /appeals/{id}', () => {
  it('is refused outside the scope, 404 when unknown, 400 for a non-uuid id', async () => {
    for (const token of [
      other.owner,
      nameless,
      other.staff,
      other.org.tokens.council,
      other.org.tokens.inspector,
    ])
      await problem(await get(`/appeals/${open.id}`, token), 403, {
        detail: 'this appeal is outside your scope',
      });
    await problem(await get(`/appeals/${randomUUID()}`, s.owner), 404, { detail: 'no such appeal' });
    await problem(await get(`/appeals/${randomUUID()}`, s.org.tokens.admin), 404, {
      detail: 'no such appeal',
    });
    await problem(await get('/appeals/not-a-uuid', s.owner), 400, 'param.id');
  });
});

describe('GET /appeal-attachments/{id}', () => {
  it('only whoever sees the appeal, or the uploader before it is attached, downloads', async () => {
    for (const token of [other.owner, other.staff, other.org.tokens.council, other.org.tokens.inspector])
      await problem(await get(`/appeal-attachments/${attachedId}`, token), 403, {
        detail: 'this attachment is outside your scope',
      });
    // Not yet attached: even the organization the uploader will appeal to does not see it.
    for (const token of [s.staff, s.org.tokens.council, other.owner])
      await problem(await get(`/appeal-attachments/${looseId}`, token), 403, {
        detail: 'this attachment is outside your scope',
      });
    expect((await get(`/appeal-attachments/${looseId}`, s.owner)).status).toBe(200);
    await problem(await get(`/appeal-attachments/${randomUUID()}`, s.owner), 404, {
      detail: 'no such attachment',
    });
    await problem(await get('/appeal-attachments/not-a-uuid', s.owner), 400, 'param.id');
  });
});

describe('the steps: POST /appeals/{id}/…', () => {
  it('residents do not take the body’s steps; staff, councils and admins do not take the applicant’s', async () => {
    for (const step of STAFF_STEPS)
      for (const token of [s.owner, other.owner, s.org.tokens.admin])
        await problem(await post(`/appeals/${open.id}/${step}`, token, STEPS[step]), 403, {
          detail: 'this endpoint is for: management_company, council, inspector',
        });
    for (const step of APPLICANT_STEPS)
      for (const token of [s.staff, s.org.tokens.council, s.org.tokens.inspector, s.org.tokens.admin])
        await problem(await post(`/appeals/${answered.id}/${step}`, token, STEPS[step]), 403, {
          detail: 'this endpoint is for: resident',
        });
  });

  it('bodies outside the appeal’s scope are refused, and so is a body of the district that is not responsible', async () => {
    for (const step of STAFF_STEPS)
      for (const token of [other.staff, other.org.tokens.council, other.org.tokens.inspector])
        await problem(await post(`/appeals/${open.id}/${step}`, token, STEPS[step]), 403, {
          detail: 'this appeal is outside your scope',
        });
    // The district's council and inspector follow the appeal but do not act for the organization:
    // 403 in whatever state the appeal is, before its state (409 for the organization) is told.
    for (const appeal of [open, answered])
      for (const step of STAFF_STEPS)
        for (const token of [s.org.tokens.council, s.org.tokens.inspector])
          await problem(await post(`/appeals/${appeal.id}/${step}`, token, STEPS[step]), 403, {
            detail: `${step === 'study' ? 'require_study' : step}: you may not do this with this appeal`,
          });
    await problem(await post(`/appeals/${answered.id}/accept`, s.staff, {}), 409);
    // Another resident on the applicant's steps, and a resident token naming nobody.
    for (const step of APPLICANT_STEPS)
      for (const token of [other.owner, nameless])
        await problem(await post(`/appeals/${answered.id}/${step}`, token, STEPS[step]), 403, {
          detail: 'this appeal is outside your scope',
        });
    // Nothing was changed by any of the refusals.
    const after = await ok<AppealJson>(await get(`/appeals/${open.id}`, s.owner));
    expect(after.timeline.map((e) => e.action)).toEqual(['submit']);
    const answeredAfter = await ok<AppealJson>(await get(`/appeals/${answered.id}`, s.owner));
    expect(answeredAfter.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'answer']);
  });

  it('404 for an unknown appeal, 400 for a non-uuid id, on every step', async () => {
    for (const [step, body] of Object.entries(STEPS)) {
      const token = APPLICANT_STEPS.includes(step) ? s.owner : s.staff;
      await problem(await post(`/appeals/${randomUUID()}/${step}`, token, body), 404, {
        detail: 'no such appeal',
      });
      await problem(await post(`/appeals/not-a-uuid/${step}`, token, body), 400, 'param.id');
    }
  });

  it('names each bad field of each step’s body', async () => {
    const bad = async (step: string, body: unknown, field: string) => {
      const on = APPLICANT_STEPS.includes(step) ? answered.id : open.id;
      const token = APPLICANT_STEPS.includes(step) ? s.owner : s.staff;
      await problem(await post(`/appeals/${on}/${step}`, token, body), 400, field);
    };
    // accept takes an empty object: anything else is refused as the body.
    await bad('accept', { note: 'x' }, 'body');
    await bad('answer', {}, 'body.text');
    await bad('answer', { text: ' ' }, 'body.text');
    await bad('answer', { text: 'x', attachmentIds: ['x'] }, 'body.attachmentIds.0');
    await bad(
      'answer',
      { text: 'x', attachmentIds: Array.from({ length: 21 }, randomUUID) },
      'body.attachmentIds',
    );
    await bad('transfer', { to: { kind: 'mayor', id: 'x', name: 'y' }, reason: 'r' }, 'body.to.kind');
    await bad('transfer', { to: { kind: 'council', id: '', name: 'y' }, reason: 'r' }, 'body.to.id');
    await bad('transfer', { to: { kind: 'council', id: 'x', name: '' }, reason: 'r' }, 'body.to.name');
    await bad('transfer', { reason: 'r' }, 'body.to');
    await bad('transfer', { to: { kind: 'council', id: 'x', name: 'y' } }, 'body.reason');
    await bad('extend', {}, 'body.justification');
    await bad('extend', { justification: 'j', lastDay: '01.02.2027' }, 'body.lastDay');
    await bad('study', { reason: '' }, 'body.reason');
    await bad('acceptance', {}, 'body.rating');
    await bad('acceptance', { rating: 0 }, 'body.rating');
    await bad('acceptance', { rating: 6 }, 'body.rating');
    await bad('acceptance', { rating: 2.5 }, 'body.rating');
    await bad('acceptance', { rating: '5' }, 'body.rating');
    await bad('dispute', {}, 'body.reason');
    await bad('dispute', { reason: 'x'.repeat(2001) }, 'body.reason');
    // Valid in shape, refused by the rules: someone else's upload for the answer.
    const theirs = await ok<{ id: string }>(
      await upload(env, other.staff, PNG_BYTES, { type: 'image/png', filename: 'b.png' }),
      201,
    );
    await ok(await act(env, s.staff, open.id, 'accept'));
    await problem(
      await act(env, s.staff, open.id, 'answer', { text: 'Done.', attachmentIds: [theirs.id] }),
      400,
      'body.attachmentIds',
    );
    expect((await ok<AppealJson>(await get(`/appeals/${open.id}`, s.owner))).status).toBe('in_progress');
  });
});

describe('GET /appeals/board', () => {
  it('is for the district’s council and inspector and admins only', async () => {
    const board = (token: string, districtId = s.org.districtId) =>
      get(`/appeals/board?districtId=${districtId}`, token);
    for (const token of [s.owner, s.staff])
      await problem(await board(token), 403, { detail: 'this endpoint is for: council, inspector, admin' });
    // The board of another district.
    for (const token of [other.org.tokens.council, other.org.tokens.inspector])
      await problem(await board(token), 403, { detail: 'this district is outside your scope' });
    await problem(await board(s.org.tokens.council, other.org.districtId), 403, {
      detail: 'this district is outside your scope',
    });
    for (const token of [s.org.tokens.council, s.org.tokens.inspector, s.org.tokens.admin])
      await ok(await board(token));
    await problem(await get('/appeals/board', s.org.tokens.council), 400, 'query.districtId');
    await problem(await get('/appeals/board?districtId=x', s.org.tokens.council), 400, 'query.districtId');
  });
});

describe('GET /appeals/export.csv', () => {
  it('is not for residents; bad filters are named; outsiders export only the header', async () => {
    for (const token of [s.owner, other.owner])
      await problem(await get('/appeals/export.csv', token), 403, {
        detail: 'this endpoint is for: management_company, council, inspector, admin',
      });
    await problem(await get('/appeals/export.csv?status=nope', s.staff), 400, 'query.status');
    await problem(
      await get('/appeals/export.csv?districtId=x', s.org.tokens.council),
      400,
      'query.districtId',
    );
    await problem(await get('/appeals/export.csv?overdue=maybe', s.org.tokens.council), 400, 'query.overdue');
    const csv = async (token: string) => {
      const res = await get(`/appeals/export.csv?districtId=${s.org.districtId}`, token);
      expect(res.status).toBe(200);
      return (await res.text()).trim().split(/\r?\n/);
    };
    // The scope is the caller's, whatever the filter names: another district's staff see no rows.
    for (const token of [other.staff, other.org.tokens.council, other.org.tokens.inspector])
      expect(await csv(token)).toHaveLength(1);
    expect(await csv(s.org.tokens.council)).toHaveLength(3);
  });
});
