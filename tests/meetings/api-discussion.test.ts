// Discussion over HTTP: who writes, the initiator's answers, moderation with a reason that keeps
// the hidden comment's place, and the phases in which comments are open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentView } from '../../domain/meetings/types.ts';
import { type Api, meetingIn, ok, problem, startApi, tokenFor } from './api-fixtures.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.t.close());

const comments = (id: string) => `/api/v1/meetings/${id}/comments`;

describe('comments', () => {
  it('owners ask per agenda item, the initiator answers, the council comments', async () => {
    const m = await meetingIn(api, { phase: 'discussion', initiatorPersona: 'manager' });
    const item = m.agenda[1]!.id;
    const q = await ok<CommentView>(
      await api.request('POST', comments(m.id), {
        as: 'resident2',
        body: { agendaItemId: item, body: 'How much will the roof cost?' },
      }),
      201,
    );
    expect(q).toMatchObject({ agendaItemId: item, isAnswer: false, hidden: false });
    const a = await ok<CommentView>(
      await api.request('POST', `${comments(m.id)}/${q.id}/answer`, {
        as: 'manager',
        body: { body: 'About 40 million sum.' },
      }),
      201,
    );
    expect(a).toMatchObject({ answersCommentId: q.id, isAnswer: true, agendaItemId: item });
    await ok(
      await api.request('POST', comments(m.id), {
        as: 'council',
        body: { body: 'The council supports the repair.' },
      }),
      201,
    );
    const list = await ok<CommentView[]>(await api.request('GET', comments(m.id), { as: 'inspector' }));
    expect(list.map((c) => c.id)).toEqual(expect.arrayContaining([q.id, a.id]));
    expect(list).toHaveLength(3);
  });

  it('a retried post with the same Idempotency-Key adds one comment; another body under it is a conflict', async () => {
    const m = await meetingIn(api, { phase: 'discussion', initiatorPersona: 'manager' });
    const key = `comment-${crypto.randomUUID()}`;
    const post = (body: string, k = key) =>
      api.request('POST', comments(m.id), { as: 'resident', body: { body }, key: k });
    const first = await ok<CommentView>(await post('Is the lift included?'), 201);
    const again = await ok<CommentView>(await post('Is the lift included?'), 201);
    expect(again.id).toBe(first.id);
    await problem(await post('Something else'), 409, {
      detail: 'this Idempotency-Key was used for another comment',
    });
    await problem(await post('Bad key', 'x'), 400, 'header.idempotency-key');
    const answerKey = `answer-${crypto.randomUUID()}`;
    const answer = () =>
      api.request('POST', `${comments(m.id)}/${first.id}/answer`, {
        as: 'manager',
        body: { body: 'Yes.' },
        key: answerKey,
      });
    const a1 = await ok<CommentView>(await answer(), 201);
    const a2 = await ok<CommentView>(await answer(), 201);
    expect(a2.id).toBe(a1.id);
    const list = await ok<CommentView[]>(await api.request('GET', comments(m.id), { as: 'inspector' }));
    expect(list).toHaveLength(2);
  });

  it('only the initiator answers; only the electorate, the initiator and the council write', async () => {
    const m = await meetingIn(api, { phase: 'voting', initiatorPersona: 'resident' });
    const q = await ok<CommentView>(
      await api.request('POST', comments(m.id), { as: 'resident2', body: { body: 'Why now?' } }),
      201,
    );
    await problem(
      await api.request('POST', `${comments(m.id)}/${q.id}/answer`, {
        as: 'resident2',
        body: { body: 'me' },
      }),
      403,
      { detail: "only the meeting's initiator answers" },
    );
    await problem(
      await api.request('POST', `${comments(m.id)}/${q.id}/answer`, { as: 'council', body: { body: 'me' } }),
      403,
      { detail: "only the meeting's initiator answers" },
    );
    await problem(
      await api.request('POST', comments(m.id), { as: 'manager', body: { body: 'not initiator' } }),
      403,
      { detail: 'comments are written by owners of the electorate, the initiator and the council' },
    );
    await problem(
      await api.request('POST', comments(m.id), { as: 'inspector', body: { body: 'read only' } }),
      403,
      { detail: 'this endpoint is for: resident, management_company, council' },
    );
    const outsider = await tokenFor(api, { roles: ['resident'], personId: crypto.randomUUID() });
    await problem(await api.request('POST', comments(m.id), { token: outsider, body: { body: 'hi' } }), 403, {
      detail: 'this meeting is outside your scope',
    });
    await ok(
      await api.request('POST', `${comments(m.id)}/${q.id}/answer`, {
        as: 'resident',
        body: { body: 'Because.' },
      }),
      201,
    );
  });

  it('a moderator hides a comment with a reason; others see the gap, moderators the text', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    const c = await ok<CommentView>(
      await api.request('POST', comments(m.id), { as: 'resident2', body: { body: 'Rude words' } }),
      201,
    );
    await problem(
      await api.request('POST', `${comments(m.id)}/${c.id}/hide`, {
        as: 'resident2',
        body: { reason: 'mine' },
      }),
      403,
      { detail: 'comments are hidden by the initiator, the council or an admin' },
    );
    await problem(
      await api.request('POST', `${comments(m.id)}/${c.id}/hide`, { as: 'inspector', body: { reason: 'x' } }),
      403,
      { detail: 'comments are hidden by the initiator, the council or an admin' },
    );
    const hidden = await ok<CommentView>(
      await api.request('POST', `${comments(m.id)}/${c.id}/hide`, {
        as: 'council',
        body: { reason: 'insults' },
      }),
    );
    expect(hidden).toMatchObject({ id: c.id, hidden: true, hiddenReason: 'insults' });
    const seen = await ok<CommentView[]>(await api.request('GET', comments(m.id), { as: 'resident2' }));
    expect(seen.find((x) => x.id === c.id)).toMatchObject({
      hidden: true,
      body: '',
      hiddenReason: 'insults',
    });
    const moderated = await ok<CommentView[]>(await api.request('GET', comments(m.id), { as: 'admin' }));
    expect(moderated.find((x) => x.id === c.id)).toMatchObject({ hidden: true, body: 'Rude words' });
    const [audit] = await api
      .em()
      .execute<{ n: number }[]>(
        "select count(*)::int as n from audit_event where entity_id = ? and action ilike '%hid%'",
        [c.id],
      );
    expect(audit!.n).toBe(1);
  });

  it('comments are open during discussion and voting only', async () => {
    const notice = await meetingIn(api, { phase: 'notice' });
    await problem(
      await api.request('POST', comments(notice.id), { as: 'council', body: { body: 'early' } }),
      409,
      { detail: 'comments are open during discussion and voting; the meeting is in phase notice' },
    );
    const closed = await meetingIn(api, { phase: 'counting' });
    await problem(
      await api.request('POST', comments(closed.id), { as: 'council', body: { body: 'late' } }),
      409,
      { detail: 'comments are open during discussion and voting; the meeting is in phase counting' },
    );
  });

  it('one who may not write is refused 403 in any phase, not told the phase (responsibility before state)', async () => {
    for (const phase of ['notice', 'counting'] as const) {
      const m = await meetingIn(api, { phase, initiatorPersona: 'resident' });
      await problem(
        await api.request('POST', comments(m.id), { as: 'manager', body: { body: 'not initiator' } }),
        403,
        { detail: 'comments are written by owners of the electorate, the initiator and the council' },
      );
      await problem(
        await api.request('POST', comments(m.id), { as: 'resident2', body: { body: 'an owner' } }),
        409,
        { detail: `comments are open during discussion and voting; the meeting is in phase ${phase}` },
      );
    }
  });

  it('names bad input; 404 for an unknown comment', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    await problem(
      await api.request('POST', comments(m.id), { as: 'resident', body: { body: '' } }),
      400,
      'body.body',
    );
    await problem(
      await api.request('POST', comments(m.id), { as: 'resident', body: { body: 'x'.repeat(4001) } }),
      400,
      'body.body',
    );
    await problem(
      await api.request('POST', comments(m.id), {
        as: 'resident',
        body: { body: 'x', agendaItemId: crypto.randomUUID() },
      }),
      400,
      'body.agendaItemId',
    );
    await problem(
      await api.request('POST', comments(m.id), { as: 'resident', body: { body: 'x', agendaItemId: 'one' } }),
      400,
      'body.agendaItemId',
    );
    await problem(
      await api.request('POST', `${comments(m.id)}/nope/answer`, { as: 'resident', body: { body: 'x' } }),
      400,
      'param.commentId',
    );
    await problem(
      await api.request('POST', `${comments(m.id)}/${crypto.randomUUID()}/answer`, {
        as: 'resident',
        body: { body: 'x' },
      }),
      404,
      { detail: 'no such comment in this meeting' },
    );
    await problem(
      await api.request('POST', `${comments(m.id)}/${crypto.randomUUID()}/hide`, {
        as: 'admin',
        body: { reason: '' },
      }),
      400,
      'body.reason',
    );
    // A resident's answer: no such comment comes before what is wrong with the body (the route
    // finds the comment before it reads the body; api/openapi.ts createRouter).
    await problem(
      await api.request('POST', `${comments(m.id)}/${crypto.randomUUID()}/answer`, {
        as: 'resident',
        body: {},
      }),
      404,
      { detail: 'no such comment in this meeting' },
    );
  });

  it('401 without a token on every comment endpoint', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    const id = crypto.randomUUID();
    await problem(await api.request('GET', comments(m.id)), 401);
    await problem(await api.request('POST', comments(m.id), { body: { body: 'x' } }), 401);
    await problem(await api.request('POST', `${comments(m.id)}/${id}/answer`, { body: { body: 'x' } }), 401);
    await problem(await api.request('POST', `${comments(m.id)}/${id}/hide`, { body: { reason: 'x' } }), 401);
    const outsider = await tokenFor(api, { roles: ['resident'], personId: crypto.randomUUID() });
    await problem(await api.request('GET', comments(m.id), { token: outsider }), 403, {
      detail: 'this meeting is outside your scope',
    });
  });
});
