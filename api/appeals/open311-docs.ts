// The Open311 endpoints in the OpenAPI document. They are routed as plain Hono handlers, because
// the validators of OpenAPI routes answer problem+json, which Open311 clients do not read.
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { APPEAL_CATEGORIES, APPEAL_KINDS } from '../../domain/appeals/types.ts';
import { bearer, publicAccess } from '../openapi.ts';

const tags = ['open311'];
const nullable = z.string().nullable();

const Service = z
  .object({
    service_code: z.enum(APPEAL_CATEGORIES),
    service_name: z.string(),
    description: z.string(),
    metadata: z.literal(false),
    type: z.literal('realtime'),
    keywords: z.string(),
    group: z.string(),
  })
  .openapi('Open311Service');

const Request = z
  .object({
    service_request_id: z.string().openapi({ example: '2025-000001' }),
    status: z.enum(['open', 'closed']),
    status_notes: nullable,
    service_name: z.string(),
    service_code: z.enum(APPEAL_CATEGORIES),
    description: z.string(),
    agency_responsible: z.string(),
    service_notice: z.string().openapi({
      description:
        'The registration day (the next working day after a receipt outside office hours) and the last day of the term',
    }),
    requested_datetime: z.string().openapi({ example: '2025-03-01T09:00:00+05:00' }),
    updated_datetime: z.string(),
    expected_datetime: z.string(),
    address: nullable,
    address_id: z.string(),
    zipcode: z.null(),
    lat: z.number().nullable(),
    long: z.number().nullable(),
    media_url: nullable,
  })
  .openapi('Open311Request');

const Errors = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .openapi('Open311Errors');
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, { description: 'Open311 errors', ...json(Errors) }]));

const CreateForm = z.object({
  service_code: z.enum(APPEAL_CATEGORIES),
  address_id: z.uuid().openapi({ description: 'The building id' }),
  description: z.string().max(4000),
  'attribute[kind]': z.enum(APPEAL_KINDS).optional(),
  'attribute[apartment_id]': z.uuid().optional(),
  api_key: z
    .string()
    .optional()
    .openapi({ description: 'Ignored: the bearer token identifies the applicant' }),
});

export function describeOpen311(r: OpenAPIHono['openAPIRegistry']) {
  r.registerPath({
    method: 'get',
    operationId: 'listOpen311Services',
    path: '/services.json',
    tags,
    summary: 'Open311 service list: the appeal categories (public)',
    security: publicAccess,
    responses: { 200: { description: 'The services', ...json(z.array(Service)) } },
  });
  r.registerPath({
    method: 'get',
    operationId: 'getOpen311Service',
    path: '/services/{service_code}.json',
    tags,
    summary: 'Open311 service definition: no attributes, since every service has metadata false (public)',
    security: publicAccess,
    request: { params: z.object({ service_code: z.string() }) },
    responses: {
      200: {
        description: 'The definition',
        ...json(z.object({ service_code: z.string(), attributes: z.array(z.object({})).max(0) })),
      },
      ...errors(400, 404),
    },
  });
  r.registerPath({
    method: 'post',
    operationId: 'createOpen311Request',
    path: '/requests.json',
    tags,
    summary:
      'Open311 create: submits an appeal, idempotent on Idempotency-Key, else on the same request the same day (resident owning in the building)',
    security: bearer,
    request: {
      headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }),
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': { schema: CreateForm },
          'application/json': { schema: CreateForm },
        },
      },
    },
    responses: {
      201: {
        description: 'Registered',
        ...json(
          z.array(
            z.object({ service_request_id: z.string(), service_notice: z.null(), account_id: z.null() }),
          ),
        ),
      },
      200: { description: 'Replay of an earlier request' },
      ...errors(400, 401, 403, 409),
    },
  });
  r.registerPath({
    method: 'get',
    operationId: 'listOpen311Requests',
    path: '/requests.json',
    tags,
    summary:
      'Open311 list: appeals the caller may see, newest first, at most 1000, received within 90 days at most, by default the last 90 (any role but developer)',
    security: bearer,
    request: {
      query: z.object({
        service_request_id: z.string().optional().openapi({ description: 'Comma list; overrides the rest' }),
        service_code: z.enum(APPEAL_CATEGORIES).optional(),
        start_date: z.string().optional(),
        end_date: z.string().optional(),
        status: z.enum(['open', 'closed']).optional(),
      }),
    },
    responses: { 200: { description: 'The requests', ...json(z.array(Request)) }, ...errors(400, 401) },
  });
  r.registerPath({
    method: 'get',
    operationId: 'getOpen311Request',
    path: '/requests/{service_request_id}.json',
    tags,
    summary:
      'Open311 request: one appeal by registration number or id, as a one-element array (any role but developer, in its scope)',
    security: bearer,
    request: { params: z.object({ service_request_id: z.string() }) },
    responses: { 200: { description: 'The request', ...json(z.array(Request)) }, ...errors(400, 401, 404) },
  });
}
