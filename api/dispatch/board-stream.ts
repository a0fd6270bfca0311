// The board's live feed over Server-Sent Events. Requests change in PostgreSQL (intake, steps,
// the workflows' clocks), so the stream polls a cheap fingerprint of the organization's requests
// and incidents once a second per open stream and sends `changed` when it moves; the board then
// reads itself again. No workflow or activity is involved.
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { boardFingerprint } from '../../db/dispatch/views.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { orgOf } from './board.ts';

export const POLL_MS = 1000;
/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

export const boardStreamRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'streamDispatchBoard',
    path: '/dispatch/board/stream',
    tags: ['dispatch'],
    summary:
      'The board’s changes as Server-Sent Events: event `changed` whenever the organization’s requests or mass incidents change; read the board again then (management_company)',
    security: bearer,
    middleware: [requireRoles('management_company')] as const,
    responses: {
      200: {
        description: 'text/event-stream; each `changed` event carries an opaque fingerprint',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      ...problems(401, 403),
    },
  }),
  async (c) => {
    const org = orgOf(c);
    return streamSSE(c, async (stream) => {
      let last = await boardFingerprint(emOf(c), org);
      let quietSince = Date.now();
      let seq = 0;
      await stream.writeSSE({ event: 'ready', data: last, id: String(++seq) });
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(POLL_MS);
        const now = await boardFingerprint(emOf(c), org);
        if (now !== last) {
          last = now;
          quietSince = Date.now();
          await stream.writeSSE({ event: 'changed', data: now, id: String(++seq) });
        } else if (Date.now() - quietSince >= KEEPALIVE_MS) {
          quietSince = Date.now();
          await stream.write(': keep-alive\n\n');
        }
      }
    });
  },
);
