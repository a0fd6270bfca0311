// Liveness and readiness for orchestrators (public, no auth). /healthz says the process answers;
// /readyz says its dependencies do, so a load balancer stops routing before users see errors.
import { createRoute, z } from '@hono/zod-openapi';
import { checkTemporalReachable } from '../../platform/temporal.ts';
import { createRouter, publicAccess } from '../openapi.ts';

const Check = z.object({ ok: z.boolean(), latencyMs: z.number().optional(), error: z.string().optional() });
const Ready = z
  .object({ status: z.enum(['ready', 'not_ready']), checks: z.object({ database: Check, temporal: Check }) })
  .openapi('Readiness');

async function timed(fn: () => Promise<unknown>): Promise<z.infer<typeof Check>> {
  const started = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3s')), 3000).unref()),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export const healthRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getHealth',
      path: '/healthz',
      tags: ['operations'],
      summary: 'The process is up (public)',
      security: publicAccess,
      responses: {
        200: {
          description: 'Up',
          content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
        },
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getReadiness',
      path: '/readyz',
      tags: ['operations'],
      summary: 'PostgreSQL and Temporal are reachable (public)',
      security: publicAccess,
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: Ready } } },
        503: { description: 'A dependency is down', content: { 'application/json': { schema: Ready } } },
      },
    }),
    async (c) => {
      const { orm, temporal } = c.var.deps;
      const [database, temporalCheck] = await Promise.all([
        timed(() => orm.em.getConnection().execute('select 1')),
        temporal
          ? timed(() => checkTemporalReachable(temporal))
          : Promise.resolve({ ok: false, error: 'Temporal is not configured' }),
      ]);
      const ok = database.ok && temporalCheck.ok;
      return c.json(
        {
          status: ok ? ('ready' as const) : ('not_ready' as const),
          checks: { database, temporal: temporalCheck },
        },
        ok ? 200 : 503,
      );
    },
  );
