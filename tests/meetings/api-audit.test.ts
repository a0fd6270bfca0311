// A meeting's audit trail verified over HTTP: the meeting's own stream and those of its comments
// (and powers of attorney, protocol) as one verdict, which names a moderation record edited behind
// the application's back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainVerification } from '../../domain/common/audit-chain.ts';
import type { CommentView } from '../../domain/meetings/types.ts';
import { type Api, meetingIn, ok, startApi } from './api-fixtures.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.t.close());

describe('GET /audit/meetings/{id}/verification', () => {
  it('covers a comment’s moderation and names it once edited', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    const c = await ok<CommentView>(
      await api.request('POST', `/api/v1/meetings/${m.id}/comments`, {
        as: 'resident2',
        body: { body: 'Rude' },
      }),
      201,
    );
    await ok(
      await api.request('POST', `/api/v1/meetings/${m.id}/comments/${c.id}/hide`, {
        as: 'council',
        body: { reason: 'insults' },
      }),
    );
    const path = `/api/v1/audit/meetings/${m.id}/verification`;
    const before = await ok<ChainVerification>(await api.request('GET', path, { as: 'inspector' }));
    expect(before).toMatchObject({ valid: true, rows: 1 });
    expect(await ok<ChainVerification>(await api.request('GET', path, { as: 'resident2' }))).toEqual(before);

    const [row] = await api
      .em()
      .execute<{ id: string }[]>(
        `select id from audit_event where entity = 'meeting_comment' and entity_id = ?`,
        [c.id],
      );
    await api.em().transactional(async (tx) => {
      await tx.execute('set local session_replication_role = replica');
      await tx.execute(`update audit_event set data = '{"reason": "spam"}' where id = ?`, [row!.id]);
    });
    expect(await ok<ChainVerification>(await api.request('GET', path, { as: 'inspector' }))).toMatchObject({
      valid: false,
      rows: 1,
      reason: 'content_changed',
      firstBrokenAt: { position: 1, rowId: row!.id },
    });
  });
});
