// Open311 GeoReport v2 over appeals (docs/domain/appeals.md), at /open311/v2, so civic clients that speak
// Open311 list the categories and file and follow appeals; the mapping is in domain/appeals/open311.ts.
// Every answer here, errors included, is Open311's JSON: its clients do not read problem+json.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { open311Appeal, open311Appeals } from '../../db/appeals/open311.ts';
import { createAppeal, loadAppeal } from '../../db/appeals/repository.ts';
import { isDatabaseUnavailable } from '../../db/pool.ts';
import { isUuid } from '../../db/sql.ts';
import { canView } from '../../domain/appeals/appeal.ts';
import type { AppealRuleCode } from '../../domain/appeals/errors.ts';
import {
  fromCreateRequest,
  serviceList,
  toCreateResponse,
  toServiceRequest,
} from '../../domain/appeals/open311.ts';
import { APPEAL_CATEGORIES } from '../../domain/appeals/types.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { isRuleOf } from '../../domain/common/rule-error.ts';
import { ANY_ROLE } from '../auth/middleware.ts';
import { emOf, temporalOf } from '../context.ts';
import { requestHash, uuidFor } from '../idempotency.ts';
import { textErrors } from '../input.ts';
import { bodyLimits } from '../limits.ts';
import { HttpProblem, RETRY_AFTER_SECONDS } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { startLifecycle } from './common.ts';
import { describeOpen311 } from './open311-docs.ts';
import {
  bodyOf,
  callerOf,
  jsonResource,
  listFilter,
  MAX_REQUESTS,
  type Open311Status,
  open311Error,
  urlTextFaults,
} from './open311-http.ts';

/** Our field names in rule errors, as the Open311 parameters the client sent. */
const PARAM: Record<string, string> = {
  'subject.buildingId': 'address_id',
  'subject.apartmentId': 'attribute[apartment_id]',
  'subject.organizationId': 'address_id',
  text: 'description',
  category: 'service_code',
  kind: 'attribute[kind]',
};
const RULE_STATUS: Record<AppealRuleCode, Open311Status> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  wrong_state: 409,
  idempotency_conflict: 409,
};
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export const open311Routes = new OpenAPIHono<AppEnv>();
describeOpen311(open311Routes.openAPIRegistry);

open311Routes
  .use(
    '*',
    bodyLimits(
      (c) => ({ bytes: c.var.deps.config.http.bodyLimitBytes, what: 'the request body' }),
      (c, detail) => open311Error(c, 413, detail),
    ),
    async (c, next) => {
      const faults = urlTextFaults(c);
      if (faults.length > 0) return open311Error(c, 400, ...faults);
      await next();
    },
  )
  .get('/services.json', (c) => c.json(serviceList(), 200))
  .get('/services/:file', (c) => {
    const code = jsonResource(c, c.req.param('file'));
    if (code instanceof Response) return code;
    // Every service has metadata false, so a definition has no attributes; a client that asks
    // anyway gets a valid empty one, while 404 stays for codes that name no service.
    if (!(APPEAL_CATEGORIES as readonly string[]).includes(code))
      return open311Error(c, 404, `service_code: unknown service ${code}`);
    return c.json({ service_code: code, attributes: [] }, 200);
  })
  .post('/requests.json', async (c) => {
    const p = await callerOf(c, ['resident']);
    if (p instanceof Response) return p;
    if (!p.personId)
      return open311Error(
        c,
        403,
        'the token names no person (claim pid): anonymous appeals are not considered',
      );
    const body = await bodyOf(c);
    if (!body)
      return open311Error(c, 400, 'the body must be application/x-www-form-urlencoded or a JSON object');
    const faults = textErrors(body, '');
    if (faults.length > 0) return open311Error(c, 400, ...faults.map((e) => `${e.field}: ${e.message}`));
    const parsed = fromCreateRequest(body);
    if (!parsed.ok) return c.json(parsed.errors, 400);
    const { subject } = parsed.input;
    // Not a UUID names no building; asking the database would fail on the cast instead.
    if (!isUuid(subject.buildingId)) return open311Error(c, 400, 'address_id: no such building');
    if (subject.apartmentId && !isUuid(subject.apartmentId))
      return open311Error(c, 400, 'attribute[apartment_id]: no such apartment in this building');
    const given = c.req.header('idempotency-key');
    if (given !== undefined && !KEY.test(given))
      return open311Error(c, 400, 'Idempotency-Key: 8–128 characters: letters, digits, . _ : -');
    temporalOf(c);
    // Hashed in the REST body's shape, so one Idempotency-Key names one appeal on either API.
    const requestSha256 = await requestHash({ ...parsed.input, attachmentIds: [] });
    // Open311 clients seldom send a key, and a lost 201 is retried with the same form: the same
    // resident's same request on the same Tashkent day is that retry. A later day is a new appeal,
    // since the same trouble may well be reported again.
    const key = given ?? `open311:${tashkentDate(Date.now())}:${requestSha256}`;
    let result: { id: string; created: boolean };
    try {
      result = await createAppeal(emOf(c), {
        id: await uuidFor(`appeal|${p.userId}|${key}`),
        principal: p,
        ...parsed.input,
        attachmentIds: [],
        policy: c.var.deps.config.appeals.policy,
        idempotencyKey: `${p.userId}:${key}`,
        requestSha256,
      });
    } catch (err) {
      if (!isRuleOf(err, RULE_STATUS)) throw err;
      const params = err.fields.map((f) => PARAM[f] ?? f);
      return open311Error(
        c,
        RULE_STATUS[err.code],
        params.length ? `${[...new Set(params)].join(', ')}: ${err.message}` : err.message,
      );
    }
    await startLifecycle(c, result.id);
    const stored = await loadAppeal(emOf(c), result.id);
    if (!stored) throw new Error(`appeal ${result.id} vanished after registration`);
    c.header('Location', `/open311/v2/requests/${stored.appeal.registrationNumber}.json`);
    return c.json(toCreateResponse(stored.appeal), result.created ? 201 : 200);
  })
  .get('/requests.json', async (c) => {
    const p = await callerOf(c, ANY_ROLE);
    if (p instanceof Response) return p;
    const f = listFilter(c.req.query(), Date.now());
    if (!f.ok) return open311Error(c, 400, ...f.errors);
    const found = await open311Appeals(emOf(c), p, f.filter, MAX_REQUESTS);
    return c.json(
      found.map((l) => toServiceRequest(l.appeal, l)),
      200,
    );
  })
  .get('/requests/:file', async (c) => {
    const id = jsonResource(c, c.req.param('file'));
    if (id instanceof Response) return id;
    const p = await callerOf(c, ANY_ROLE);
    if (p instanceof Response) return p;
    const found = await open311Appeal(emOf(c), id);
    // 404, not 403, outside the caller's scope: registration numbers are sequential, and a
    // different answer would tell which ones exist.
    if (!found || !canView(p, found.appeal)) return open311Error(c, 404, `no such service request: ${id}`);
    return c.json([toServiceRequest(found.appeal, found)], 200);
  })
  .all('*', (c) =>
    c.req.path.endsWith('.xml')
      ? open311Error(c, 400, 'format: only JSON is supported; use .json')
      : open311Error(c, 404, `no Open311 resource ${c.req.method} ${c.req.path}`),
  );

open311Routes.onError((err, c) => {
  if (isDatabaseUnavailable(err)) {
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return open311Error(c, 503, 'the database is unavailable; retry shortly');
  }
  if (err instanceof HttpProblem) {
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return open311Error(c, err.status as Open311Status, err.message);
  }
  if (err instanceof HTTPException && err.status < 500)
    return open311Error(c, err.status as ContentfulStatusCode as Open311Status, err.message);
  c.var.deps.logger.error({ err, requestId: c.var.requestId }, 'unhandled error');
  return open311Error(c, 500, `internal error; quote request id ${c.var.requestId} when reporting it`);
});
