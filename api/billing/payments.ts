// The endpoints the payment providers call, in their own protocols rather than ours: Payme's
// JSON-RPC (always HTTP 200, errors in the body, Basic auth with the merchant key) and Click's
// form posts answered with JSON (the md5 sign_string is the authentication). Neither takes a
// bearer token, so the OpenAPI document lists them as public and says how each authenticates.
// The routes are plain Hono handlers described with registerPath, because a zod validator would
// answer malformed input with problem+json where the providers expect their own error codes.
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { handleClickCall } from '../../db/billing/click.ts';
import { handlePaymeCall } from '../../db/billing/payme.ts';
import { CLICK_ERRORS } from '../../domain/billing/click.ts';
import { paymeError } from '../../domain/billing/payme-codes.ts';
import { parsePaymeRequest } from '../../domain/billing/payme-request.ts';
import { emOf, sqlOf } from '../context.ts';
import { publicAccess } from '../openapi.ts';
import type { AppEnv } from '../types.ts';

export const PAYME_PATH = '/payments/payme';
export const CLICK_PREPARE_PATH = '/payments/click/prepare';
export const CLICK_COMPLETE_PATH = '/payments/click/complete';

const tags = ['billing'];
const tooLarge = { 413: { description: 'The body exceeds 1 MiB' } };

const PaymeBody = z
  .object({
    jsonrpc: z.literal('2.0').optional(),
    id: z.union([z.number(), z.string()]),
    method: z.enum([
      'CheckPerformTransaction',
      'CreateTransaction',
      'PerformTransaction',
      'CancelTransaction',
      'CheckTransaction',
      'GetStatement',
      'ChangePassword',
    ]),
    params: z.record(z.string(), z.unknown()),
  })
  .openapi('PaymeRequest');
const PaymeAnswer = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.number(), z.string(), z.null()]),
    result: z.record(z.string(), z.unknown()).optional(),
    error: z
      .object({
        code: z.number().int(),
        message: z.object({ ru: z.string(), uz: z.string(), en: z.string() }),
        data: z.string().optional(),
      })
      .optional(),
  })
  .openapi('PaymeAnswer');
const ClickForm = z
  .object({
    click_trans_id: z.string(),
    service_id: z.string(),
    click_paydoc_id: z.string(),
    merchant_trans_id: z.string().openapi({ description: 'The personal account number' }),
    merchant_prepare_id: z.string().optional().openapi({ description: 'Complete only' }),
    amount: z.string().openapi({ description: "So'm, as a decimal string", example: '125000.50' }),
    action: z.enum(['0', '1']),
    error: z.string(),
    error_note: z.string().optional(),
    sign_time: z.string().openapi({ example: '2026-12-06 10:15:00' }),
    sign_string: z.string(),
  })
  .openapi('ClickRequest');
const ClickAnswer = z
  .object({
    click_trans_id: z.string().nullable(),
    merchant_trans_id: z.string().nullable(),
    merchant_prepare_id: z.number().int().nullable().optional(),
    merchant_confirm_id: z.number().int().nullable().optional(),
    error: z.number().int(),
    error_note: z.string(),
  })
  .openapi('ClickAnswer');

function describe(r: OpenAPIHono['openAPIRegistry'], prefix: string) {
  r.registerPath({
    method: 'post',
    operationId: 'callPaymeMerchantApi',
    path: `${prefix}${PAYME_PATH}`,
    tags,
    summary:
      'Payme Merchant API (the Payme provider only, by Basic auth with the merchant key; no bearer token)',
    description:
      "JSON-RPC 2.0: CheckPerformTransaction, CreateTransaction, PerformTransaction, CancelTransaction, CheckTransaction, GetStatement. Amounts in tiyin; `account.personal_account` is the personal account number. Always HTTP 200; a refusal is `error` with Payme's code (−32504 without the merchant key).",
    security: publicAccess,
    request: { body: { required: true, content: { 'application/json': { schema: PaymeBody } } } },
    responses: {
      200: {
        description: 'The result or the error',
        content: { 'application/json': { schema: PaymeAnswer } },
      },
      ...tooLarge,
    },
  });
  for (const [path, step, operationId] of [
    [CLICK_PREPARE_PATH, 'Prepare (action=0)', 'postClickPrepare'],
    [CLICK_COMPLETE_PATH, 'Complete (action=1)', 'postClickComplete'],
  ] as const)
    r.registerPath({
      method: 'post',
      operationId,
      path: `${prefix}${path}`,
      tags,
      summary: `Click SHOP API ${step} (the Click provider only, by the md5 sign_string with the secret key; no bearer token)`,
      description:
        "Form-encoded as Click sends it; amount in so'm. Always HTTP 200; `error` is Click's code (0 accepted, −1 signature, −2 amount, −3 action, −4 already paid, −5 no such account, −6 no such transaction, −8 bad request, −9 cancelled).",
      security: publicAccess,
      request: {
        body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: ClickForm } } },
      },
      responses: {
        200: { description: "Click's answer", content: { 'application/json': { schema: ClickAnswer } } },
        ...tooLarge,
      },
    });
}

export function mountPaymentRoutes(app: OpenAPIHono<AppEnv>, prefix: string) {
  describe(app.openAPIRegistry, prefix);
  app.post(`${prefix}${PAYME_PATH}`, async (c) => {
    const { config } = c.var.deps;
    const key = config.billing.payme.key;
    const body = await c.req.text();
    const parsed = key
      ? parsePaymeRequest(body, { header: c.req.header('authorization'), key })
      : // Without a configured key nobody is the merchant's Payme: every call is −32504.
        { ...parsePaymeRequest(body), ok: false as const, error: paymeError(-32504) };
    if (!parsed.ok) return c.json({ jsonrpc: '2.0', id: parsed.rpcId, error: parsed.error }, 200);
    try {
      // The usual calls need no fork of the ORM (it costs as much JavaScript as their statements):
      // handlePaymeCall forks only for the calls that take the ORM's transaction.
      const answer = await handlePaymeCall(sqlOf(c), parsed.call, {
        policy: config.billing.policy,
        now: Date.now(),
      });
      return c.json({ jsonrpc: '2.0', id: parsed.rpcId, ...answer }, 200);
    } catch (err) {
      // Nothing was committed; Payme reads −32400 as "ask again later", never as a refusal.
      c.var.deps.logger.error({ err, requestId: c.var.requestId }, 'Payme call failed');
      return c.json({ jsonrpc: '2.0', id: parsed.rpcId, error: paymeError(-32400) }, 200);
    }
  });
  for (const [path, step] of [
    [CLICK_PREPARE_PATH, 'prepare'],
    [CLICK_COMPLETE_PATH, 'complete'],
  ] as const)
    app.post(`${prefix}${path}`, async (c) => {
      const { config } = c.var.deps;
      let form: Record<string, string | undefined> = {};
      try {
        const raw = await c.req.parseBody();
        form = Object.fromEntries(
          Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
        );
      } catch {
        // An unreadable body is a request with no fields: Click's −8.
      }
      try {
        const answer = await handleClickCall(emOf(c), step, form, {
          policy: config.billing.policy,
          now: Date.now(),
          secretKey: config.billing.click.secretKey,
        });
        return c.json(answer, 200);
      } catch (err) {
        // Nothing was committed: −7, and Click asks again.
        c.var.deps.logger.error({ err, requestId: c.var.requestId }, 'Click call failed');
        return c.json(
          {
            click_trans_id: form.click_trans_id ?? null,
            merchant_trans_id: form.merchant_trans_id ?? null,
            error: -7,
            error_note: CLICK_ERRORS[-7].note,
          },
          200,
        );
      }
    });
}
