// GET /meetings/{id}/notice-proof over the real app and database: per owner, the notice's
// deliveries by channel, state and time (notifications' tracking of the meeting's mailing), the
// counts by status and channel, a page at a time; for the meeting's initiator, the district's
// council and inspection and an admin only (401 without a token, 403 for anyone else, 404 unknown).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingMailingKey } from '../../db/meetings/notice-proof.ts';
import { notify } from '../../db/notifications/public.ts';
import { planDueMessages, recordOutcome } from '../../db/notifications/repository.ts';
import type { MeetingNoticeProof } from '../../domain/meetings/notice-proof.ts';
import { DEFAULT_NOTIFICATION_POLICY } from '../../domain/notifications/policy.ts';
import { type Api, DEMO_IDS, meetingIn, ok, problem, startApi } from './api-fixtures.ts';
import { makeBuilding, soleOwners } from './repository-fixtures.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.t.close());

const texts = (s: string) => ({
  uz: { subject: s, body: s },
  ru: { subject: s, body: s },
  en: { subject: s, body: s },
});

describe('GET /meetings/{id}/notice-proof', () => {
  it('shows each owner’s delivery by channel with the counts, paged, to those who answer for the meeting', async () => {
    const b = await makeBuilding(api.em(), soleOwners(3));
    const [withMail, byTelegram, unreachable] = b.apartments.map((a) => a.owners[0]!.personId) as [
      string,
      string,
      string,
    ];
    const chat = String(Date.now()).slice(-9) + String(Math.floor(Math.random() * 1000));
    await api.em().execute(`update person set email = null where id in (?, ?)`, [byTelegram, unreachable]);
    await api.em().execute(
      `insert into notification_preference (person_id, channel_order, language, opt_out, telegram_chat_id, unreachable, updated_at)
       values (?, '["telegram"]'::jsonb, 'uz', false, ?, '[]'::jsonb, now())`,
      [byTelegram, chat],
    );
    const m = await meetingIn(api, { buildingIds: [b.id], phase: 'discussion' });
    const key = meetingMailingKey(m.id, 'notice');
    await notify(
      api.em(),
      {
        kind: 'meeting_notice',
        buildingId: b.id,
        texts: texts(m.title),
        idempotencyKey: key,
        recipients: b.apartments.map((a) => ({
          personId: a.owners[0]!.personId,
          buildingId: b.id,
          place: a.number,
        })),
      },
      new Date(),
    );
    // The notifications pass routes them (other files' messages may be due too: pass until ours are).
    const routed = async () => {
      const [r] = await api.em().execute<{ n: number }[]>(
        `select count(*)::int as n from notification_message m join notification_mailing g on g.id = m.mailing_id
          where g.idempotency_key = ? and m.route is null`,
        [key],
      );
      return r!.n === 0;
    };
    for (let i = 0; i < 50 && !(await routed()); i++)
      await planDueMessages(api.em(), DEFAULT_NOTIFICATION_POLICY, new Date(), 500);
    expect(await routed()).toBe(true);
    // Telegram's answer, as its sender records it.
    const [tg] = await api.em().execute<{ id: string }[]>(
      `select d.id from notification_delivery d join notification_message m on m.id = d.message_id
        where m.person_id = ? and d.channel = 'telegram'`,
      [byTelegram],
    );
    await recordOutcome(api.em(), tg!.id, { kind: 'sent', providerId: '7', delivered: true }, new Date());

    const path = `/api/v1/meetings/${m.id}/notice-proof`;
    const all = await ok<MeetingNoticeProof>(await api.request('GET', path, { as: 'council' }));
    expect(all).toMatchObject({ meetingId: m.id, kind: 'notice', messages: 3, next: null });
    expect(all.byStatus.printed).toBe(1);
    expect(all.byChannel.telegram).toEqual({ delivered: 1 });
    expect(all.byChannel.email).toEqual({ queued: 1 });
    const of = (id: string) => all.items.find((i) => i.personId === id)!;
    expect(of(byTelegram).deliveries).toEqual([
      expect.objectContaining({ channel: 'telegram', state: 'delivered', deliveredAt: expect.any(String) }),
    ]);
    expect(of(withMail).deliveries).toEqual([expect.objectContaining({ channel: 'email', state: 'queued' })]);
    expect(of(unreachable)).toMatchObject({
      status: 'printed',
      printedAt: expect.any(String),
      deliveries: [],
    });
    // Where the owner was reached is not for staff to read.
    expect(JSON.stringify(all)).not.toContain(chat);

    // A page at a time, in person-id order.
    const first = await ok<MeetingNoticeProof>(
      await api.request('GET', `${path}?limit=2`, { as: 'inspector' }),
    );
    expect(first.items).toHaveLength(2);
    expect(first.next).toBe(first.items[1]!.personId);
    const second = await ok<MeetingNoticeProof>(
      await api.request('GET', `${path}?limit=2&after=${first.next}`, { as: 'admin' }),
    );
    expect(second.next).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.personId)).toEqual(
      [...all.items.map((i) => i.personId)].sort(),
    );
    // The meeting's initiator (the demo resident's account) reads it too, as a co-owner of the building.
    const initiator = await api.t.deps.dev!.issuer.sign({
      sub: DEMO_IDS.users.resident,
      name: 'Initiator',
      pid: withMail,
      roles: ['resident'],
      district: null,
      org: null,
    });
    expect((await api.request('GET', path, { token: initiator })).status).toBe(200);
    // Another owner of the building sees the meeting but not its proof; the manager not even that.
    const neighbour = await api.t.deps.dev!.issuer.sign({
      sub: randomUUID(),
      name: 'Neighbour',
      pid: byTelegram,
      roles: ['resident'],
      district: null,
      org: null,
    });
    await problem(await api.request('GET', path, { token: neighbour }), 403);
    await problem(await api.request('GET', path, { as: 'manager' }), 403);
    await problem(await api.request('GET', path), 401);
    await problem(
      await api.request('GET', `/api/v1/meetings/${randomUUID()}/notice-proof`, { as: 'admin' }),
      404,
    );
    await problem(await api.request('GET', `${path}?kind=nonsense`, { as: 'admin' }), 400, 'query.kind');
    await problem(await api.request('GET', `${path}?limit=0`, { as: 'admin' }), 400, 'query.limit');
  });
});
