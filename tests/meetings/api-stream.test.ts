// The live participation counter: Server-Sent Events read through app.request, the way a portal
// reads them through fetch. It must send the counts, a new value after a ballot, and end at the close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeVoting } from '../../db/meetings/repository.ts';
import type { ParticipationView } from '../../domain/meetings/types.ts';
import {
  type Api,
  ballotBody,
  DEMO_IDS,
  meetingIn,
  newKey,
  ok,
  problem,
  startApi,
  tokenFor,
} from './api-fixtures.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.t.close());

interface ServerEvent {
  event: string;
  data: string;
}

/** Reads complete events from an SSE body; `next` rejects when none arrives in time. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .getReader();
  let buffer = '';
  let ended = false;
  return {
    get ended() {
      return ended;
    },
    async next(timeoutMs = 10_000): Promise<ServerEvent | null> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const cut = buffer.indexOf('\n\n');
        if (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':'));
          if (lines.length === 0) continue;
          const field = (name: string) =>
            lines
              .filter((l) => l.startsWith(`${name}:`))
              .map((l) => l.slice(name.length + 1).trimStart())
              .join('\n');
          return { event: field('event') || 'message', data: field('data') };
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no server event in time');
        const chunk = await Promise.race([
          reader.read(),
          new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), left)),
        ]);
        if (chunk === 'timeout') throw new Error('no server event in time');
        if (chunk.done) {
          ended = true;
          return null;
        }
        buffer += chunk.value;
      }
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

describe('GET /api/v1/meetings/{id}/participation/stream', () => {
  it('sends the counts, a new value after a ballot, and ends when voting closes', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const res = await api.request('GET', `/api/v1/meetings/${m.id}/participation/stream`, { as: 'council' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = eventReader(res.body!);
    try {
      const first = await events.next();
      expect(first?.event).toBe('participation');
      const before = JSON.parse(first!.data) as ParticipationView;
      expect(before).toMatchObject({ meetingId: m.id, phase: 'voting', votedOwners: 0 });
      expect(Object.keys(before).sort()).toEqual([
        'eligibleOwners',
        'meetingId',
        'participatingWeightPercent',
        'phase',
        'votedOwners',
      ]);

      await ok(
        await api.request('POST', `/api/v1/meetings/${m.id}/ballots`, {
          as: 'resident',
          key: newKey(),
          body: ballotBody(m, DEMO_IDS.apartments.residentSole),
        }),
        201,
      );
      const second = await events.next();
      const after = JSON.parse(second!.data) as ParticipationView;
      expect(after.votedOwners).toBe(1);
      expect(after.participatingWeightPercent).toBeGreaterThan(0);

      await closeVoting(api.em(), m.id);
      const last = await events.next();
      expect(JSON.parse(last!.data)).toMatchObject({ phase: 'counting', votedOwners: 1 });
      expect(await events.next()).toBeNull();
      expect(events.ended).toBe(true);
    } finally {
      await events.cancel();
    }
  });

  it('401 without a token, 403 outside the scope, 404 unknown, 400 bad id', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const path = `/api/v1/meetings/${m.id}/participation/stream`;
    await problem(await api.request('GET', path), 401);
    const outsider = await tokenFor(api, { roles: ['resident'], personId: crypto.randomUUID() });
    await problem(await api.request('GET', path, { token: outsider }), 403, {
      detail: 'this meeting is outside your scope',
    });
    await problem(
      await api.request('GET', `/api/v1/meetings/${crypto.randomUUID()}/participation/stream`, {
        as: 'admin',
      }),
      404,
      { detail: 'no such meeting' },
    );
    await problem(
      await api.request('GET', '/api/v1/meetings/x/participation/stream', { as: 'admin' }),
      400,
      'param.id',
    );
  });
});
