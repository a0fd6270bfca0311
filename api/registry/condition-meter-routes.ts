// Meter readings and the monthly consumption they give. Roles: the management company of the
// building, inspectors of its district and admins record readings; anyone who may see the
// building reads the consumption. A batch carries an Idempotency-Key like every retried write;
// the readings' own natural key (meter, instant) is what makes the retry harmless: readings already
// stored come back as `duplicates`.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { buildingConsumption, recordMeterReadings } from '../../db/registry/condition-meters.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { assertBuildingWritable, conditionRule } from './condition-access.ts';
import { ConsumptionQuery, ConsumptionSchema, ReadingsBody, ReadingsRecorded } from './condition-schemas.ts';
import { assertBuildingVisible } from './visibility.ts';

const METER_WRITERS = ['management_company', 'inspector', 'admin'] as const;
/** Ten years of months: enough for any chart, small enough to answer from one query. */
const MAX_MONTHS = 120;
const em = (c: Context<AppEnv>) => c.var.deps.orm.em.fork();

const monthIndex = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return y * 12 + mo - 1;
};
const monthOfIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
/** Values are counted in thousandths, the precision the database keeps. */
const thousandths = (v: number) => Math.round(v * 1000) / 1000;

export const conditionMeterRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'recordMeterReadings',
      path: '/buildings/{id}/meter-readings',
      tags: ['registry'],
      summary:
        'Record meter readings, all or none (management_company of the building, inspector of its district, admin; Idempotency-Key)',
      security: bearer,
      middleware: [requireRoles(...METER_WRITERS)] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: ReadingsBody } } },
      },
      responses: {
        200: {
          description: 'Accepted; readings already stored count as duplicates',
          content: { 'application/json': { schema: ReadingsRecorded } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingWritable(c, id, METER_WRITERS);
      const readings = c.req.valid('json').readings.map((r) => ({
        meterId: r.meterId,
        resource: r.resource,
        readAt: Date.parse(r.readAt),
        value: thousandths(r.value),
        replaced: r.replaced === true,
        ...(r.oldDeviceFinalValue === undefined
          ? {}
          : { oldDeviceFinalValue: thousandths(r.oldDeviceFinalValue) }),
      }));
      const now = Date.now();
      const future = readings.findIndex((r) => r.readAt > now);
      if (future >= 0) {
        throw new HttpProblem(400, 'a reading cannot be dated in the future', {
          errors: [{ field: `body.readings.${future}.readAt`, message: 'must not be in the future' }],
        });
      }
      const unflagged = readings.findIndex((r) => !r.replaced && r.oldDeviceFinalValue !== undefined);
      if (unflagged >= 0) {
        throw new HttpProblem(400, 'oldDeviceFinalValue belongs to a replaced meter', {
          errors: [
            { field: `body.readings.${unflagged}.oldDeviceFinalValue`, message: 'only with replaced: true' },
          ],
        });
      }
      // The key is the caller's, in this building: another caller's same key names another batch.
      const batch = {
        idempotencyKey: `${id}:${c.var.principal.userId}:${c.req.valid('header')['idempotency-key']}`,
        requestSha256: await requestHash(c.req.valid('json')),
      };
      return c.json(await conditionRule(() => recordMeterReadings(em(c), id, readings, batch)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getConsumption',
      path: '/buildings/{id}/consumption',
      tags: ['registry'],
      summary:
        'Monthly consumption per resource from the meter readings, Tashkent months (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam, query: ConsumptionQuery },
      responses: {
        200: {
          description: 'Consumption by month',
          content: { 'application/json': { schema: ConsumptionSchema } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const to = q.to ?? tashkentDate(Date.now()).slice(0, 7);
      const from = q.from ?? monthOfIndex(monthIndex(to) - 11);
      if (from > to) {
        throw new HttpProblem(400, 'from is after to', {
          errors: [{ field: 'query.from', message: 'must not be after `to`' }],
        });
      }
      if (monthIndex(to) - monthIndex(from) >= MAX_MONTHS) {
        throw new HttpProblem(400, `at most ${MAX_MONTHS} months at a time`, {
          errors: [{ field: 'query.from', message: `at most ${MAX_MONTHS} months before \`to\`` }],
        });
      }
      await assertBuildingVisible(c, id);
      const months = await conditionRule(() => buildingConsumption(em(c), id, from, to));
      return c.json({ buildingId: id, months }, 200);
    },
  );
