// An appeal through the real API, workflow and PostgreSQL with the law's terms: registration with
// a number and an acknowledgement, acceptance and answer by the organization, the applicant's
// rating; transfer, a single justified extension, a dispute that reopens it at the council.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeTitles } from '../../domain/appeals/notice-mail.ts';
import { appealWorkflowId } from '../../workflows/appeals/contract.ts';
import { call, newKey, ok, problem, until } from '../register/api-fixtures.ts';
import { type AppealsEnv, act, get, mailsTo, newScene, startAppealsEnv, submit } from './fixtures.ts';

let env: AppealsEnv;
beforeAll(async () => {
  env = await startAppealsEnv();
});
afterAll(async () => {
  await env?.stop();
});

describe('appeals', () => {
  it('registers, acknowledges, is answered by the organization and closed with the applicant’s rating', async () => {
    const s = await newScene(env);
    const a = await submit(env, s);
    expect(a.registrationNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(a).toMatchObject({
      status: 'registered',
      level: 'management_organization',
      responsible: { kind: 'management_organization', id: s.org.id },
    });
    // 15 days from the day after receipt, moved off days off: never sooner than 15 days.
    expect(Date.parse(a.dueAt) - Date.parse(a.receivedAt)).toBeGreaterThan(15 * 86_400_000);
    await until('acknowledgement', async () =>
      mailsTo(env, s.org.ownerEmail).length > 0 ? true : undefined,
    );
    expect(mailsTo(env, s.org.ownerEmail)[0]!.text).toContain(a.registrationNumber);

    const mine = await ok<{ items: { id: string }[] }>(
      await call(env.app, 'GET', '/appeals?mine=1', { token: s.owner }),
    );
    expect(mine.items.map((i) => i.id)).toEqual([a.id]);
    expect((await get(env, s.staff, a.id)).availableActions).toEqual(
      expect.arrayContaining(['accept', 'transfer', 'extend']),
    );

    await ok(await act(env, s.staff, a.id, 'accept'));
    const answered = await ok<typeof a>(
      await act(env, s.staff, a.id, 'answer', { text: 'The boiler is repaired.' }),
    );
    expect(answered.status).toBe('answered');
    expect(answered.answer?.text).toBe('The boiler is repaired.');
    expect((await get(env, s.owner, a.id)).availableActions).toEqual(['accept_answer', 'dispute']);
    await problem(await act(env, s.owner, a.id, 'acceptance', { rating: 6 }), 400, 'body.rating');
    const closed = await ok<typeof a>(await act(env, s.owner, a.id, 'acceptance', { rating: 4 }));
    expect(closed).toMatchObject({ status: 'closed', rating: 4 });
    expect(closed.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'answer', 'accept_answer']);
    // Closed, its workflow ends: a late dispute is told the appeal is finished (409), not to retry (503).
    const handle = env.app.deps.temporal!.workflow.getHandle(appealWorkflowId(a.id));
    await until('the workflow to end', async () =>
      (await handle.describe()).status.name === 'RUNNING' ? undefined : true,
    );
    await problem(await act(env, s.owner, a.id, 'dispute', { reason: 'Too late' }), 409);
  });

  it('extends the term once, only with a justification', async () => {
    const s = await newScene(env);
    const a = await submit(env, s);
    await problem(await act(env, s.staff, a.id, 'extend', { justification: '' }), 400, 'body.justification');
    const extended = await ok<typeof a>(
      await act(env, s.staff, a.id, 'extend', { justification: 'An expert check of the boiler is needed' }),
    );
    expect(extended.extended).toBe(true);
    expect(Date.parse(extended.dueAt)).toBeGreaterThan(Date.parse(a.dueAt));
    await problem(await act(env, s.staff, a.id, 'extend', { justification: 'Once more' }), 409, {
      detail: 'the term was already extended once',
    });
  });

  it('transfers to the council with a reason and tells the applicant', async () => {
    const s = await newScene(env);
    const a = await submit(env, s);
    const moved = await ok<typeof a>(
      await act(env, s.staff, a.id, 'transfer', {
        to: { kind: 'council', id: s.org.districtId, name: 'Test tumani kengashi' },
        reason: 'The question is about the meeting procedure',
      }),
    );
    expect(moved.responsible).toMatchObject({ kind: 'council', id: s.org.districtId });
    await problem(await act(env, s.staff, a.id, 'accept'), 403, {
      detail: 'accept: you may not do this with this appeal',
    });
    await ok(await act(env, s.org.tokens.council, a.id, 'accept'));
    await until('transfer notice', async () =>
      mailsTo(env, s.org.ownerEmail).some((m) =>
        noticeTitles('transferred').some((t) => m.subject.endsWith(`: ${t}`)),
      )
        ? true
        : undefined,
    );
  });

  it('a dispute reopens the appeal at the next level', async () => {
    const s = await newScene(env);
    const a = await submit(env, s);
    await ok(await act(env, s.staff, a.id, 'accept'));
    await ok(await act(env, s.staff, a.id, 'answer', { text: 'Nothing to do.' }));
    await problem(await act(env, s.owner, a.id, 'dispute', { reason: '' }), 400, 'body.reason');
    const reopened = await ok<typeof a>(
      await act(env, s.owner, a.id, 'dispute', { reason: 'It is still cold' }),
    );
    expect(reopened).toMatchObject({
      status: 'reopened',
      level: 'council',
      responsible: { kind: 'council' },
    });
    expect(reopened.answer).toBeUndefined();
    // The organization whose answer was disputed follows it, but no longer acts on it.
    expect((await get(env, s.staff, a.id)).availableActions).toEqual([]);
    await problem(await act(env, s.staff, a.id, 'accept'), 403, {
      detail: 'accept: you may not do this with this appeal',
    });
    const council = await get(env, s.org.tokens.council, a.id);
    expect(council.availableActions).toContain('accept');
  });

  it('shows each appeal only to its applicant, its bodies and admins', async () => {
    const s = await newScene(env);
    const other = await newScene(env);
    const a = await submit(env, s);
    await problem(await call(env.app, 'GET', `/appeals/${a.id}`), 401);
    await problem(await call(env.app, 'GET', `/appeals/${a.id}`, { token: other.owner }), 403, {
      detail: 'this appeal is outside your scope',
    });
    await problem(await call(env.app, 'GET', `/appeals/${a.id}`, { token: other.staff }), 403, {
      detail: 'this appeal is outside your scope',
    });
    await problem(await call(env.app, 'GET', `/appeals/${a.id}`, { token: other.org.tokens.council }), 403, {
      detail: 'this appeal is outside your scope',
    });
    await ok(await call(env.app, 'GET', `/appeals/${a.id}`, { token: s.org.tokens.admin }));
    const list = await ok<{ items: { id: string }[] }>(
      await call(env.app, 'GET', '/appeals', { token: other.owner }),
    );
    expect(list.items.map((i) => i.id)).not.toContain(a.id);
    const district = await ok<{ items: { id: string }[] }>(
      await call(env.app, 'GET', '/appeals', { token: s.org.tokens.council }),
    );
    expect(district.items.map((i) => i.id)).toEqual([a.id]);
    // Only an owner in the building appeals about it; staff do not submit.
    await problem(
      await call(env.app, 'POST', '/appeals', {
        token: other.owner,
        key: newKey(),
        body: { category: 'water', subject: { buildingId: s.buildingId }, text: 'x' },
      }),
      403,
      { detail: 'only an owner in this building may appeal about it' },
    );
    await problem(
      await call(env.app, 'POST', '/appeals', {
        token: s.staff,
        key: newKey(),
        body: { category: 'water', subject: { buildingId: s.buildingId }, text: 'x' },
      }),
      403,
      { detail: 'this endpoint is for: resident' },
    );
    await problem(
      await call(env.app, 'POST', '/appeals', {
        token: s.owner,
        key: newKey(),
        body: { category: 'nope', subject: { buildingId: s.buildingId }, text: 'x' },
      }),
      400,
      'body.category',
    );
    await problem(
      await call(env.app, 'POST', '/appeals', {
        token: s.owner,
        body: { category: 'water', subject: { buildingId: s.buildingId }, text: 'x' },
      }),
      400,
      'header.idempotency-key',
    );
  });

  it('a retried submission with the same key registers once', async () => {
    const s = await newScene(env);
    const key = newKey();
    const body = { category: 'lift', subject: { buildingId: s.buildingId }, text: 'The lift is stuck' };
    const first = await ok<{ id: string }>(
      await call(env.app, 'POST', '/appeals', { token: s.owner, key, body }),
      201,
    );
    const again = await ok<{ id: string }>(
      await call(env.app, 'POST', '/appeals', { token: s.owner, key, body }),
      200,
    );
    expect(again.id).toBe(first.id);
    await problem(
      await call(env.app, 'POST', '/appeals', { token: s.owner, key, body: { ...body, text: 'other' } }),
      409,
      { detail: 'this Idempotency-Key was used with another request' },
    );
  });
});
