// The live participation counter over Server-Sent Events. Ballots are rows in PostgreSQL, not
// workflow events, so the counter polls the database once a second per open stream and sends only
// changes; the stream ends once voting is over, when the counter can no longer move.
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { participation } from '../../db/meetings/repository.ts';
import type { MeetingPhase } from '../../domain/meetings/types.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { visibleMeeting } from './common.ts';

/** Phases in which the counter can still change (or has yet to start changing). */
const LIVE: readonly MeetingPhase[] = ['notice', 'discussion', 'voting'];
export const POLL_MS = 1000;
/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

export const streamRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'streamParticipation',
    path: '/meetings/{id}/participation/stream',
    tags: ['meetings'],
    summary:
      'Live participation as Server-Sent Events: event `participation` with the counts whenever they change; ends when voting is over (any role but developer, scoped)',
    security: bearer,
    middleware: [requireRoles(...ANY_ROLE)] as const,
    request: { params: UuidParam },
    responses: {
      200: {
        description: 'text/event-stream; each `participation` event carries a Participation JSON',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      ...problems(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await visibleMeeting(c, id);
    return streamSSE(c, async (stream) => {
      let last = '';
      let quietSince = Date.now();
      let seq = 0;
      while (!stream.aborted && !stream.closed) {
        const view = await participation(emOf(c), id);
        const data = JSON.stringify(view);
        if (data !== last) {
          last = data;
          quietSince = Date.now();
          await stream.writeSSE({ event: 'participation', data, id: String(++seq) });
        } else if (Date.now() - quietSince >= KEEPALIVE_MS) {
          quietSince = Date.now();
          await stream.write(': keep-alive\n\n');
        }
        if (!LIVE.includes(view.phase)) break;
        await stream.sleep(POLL_MS);
      }
    });
  },
);
