// Notifications (docs/domain/notifications.md), mounted under /api/v1: a person's preferences and
// Telegram link, the channels' callbacks (the bot's webhook, the SMS gateway's delivery reports)
// and an organization's delivery report per mailing.
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { webhookCallback } from 'grammy';
import type { Context } from 'hono';
import {
  checkPhoneCode,
  markPhoneCodeSent,
  requestPhoneCode,
} from '../../db/notifications/phone-verification.ts';
import {
  createLinkCode,
  mailingReport,
  mailingSender,
  noticeBoardOf,
  readPreferences,
  redeemLinkCode,
  savePreferences,
} from '../../db/notifications/preferences.ts';
import { enqueueMailing, recordReport } from '../../db/notifications/repository.ts';
import { hasRole } from '../../domain/access/roles.ts';
import { maskPhone, normalizeUzPhone } from '../../domain/common/phone.ts';
import { deepLink, linkCodeFrom, startCode } from '../../domain/notifications/link-code.ts';
import { BOARD_WORDS, noticeBoard } from '../../domain/notifications/notice-board.ts';
import { phoneCodeText } from '../../domain/notifications/phone-code.ts';
import { routeFor } from '../../domain/notifications/routing.ts';
import { renderNoticeBoardPdf } from '../../platform/notifications/notice-board-pdf.ts';
import { createSmsSender } from '../../platform/notifications/sms.ts';
import { createTelegramBot } from '../../platform/notifications/telegram.ts';
import { requireRoles } from '../auth/middleware.ts';
import { sharedSecretMatches } from '../auth/shared-secret.ts';
import { emOf, personOf } from '../context.ts';
import { IdempotencyHeader, idempotencyConflict, requestHash } from '../idempotency.ts';
import { requestLanguage } from '../language.ts';
import { bearer, createRouter, problems, publicAccess, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound, unauthorized, unavailable } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import {
  BoardQuery,
  LinkSchema,
  MailingReportSchema,
  NoticeBoardSchema,
  PhoneCodeInputSchema,
  PhoneCodeRequestSchema,
  PhoneCodeSentSchema,
  PreferencesInputSchema,
  PreferencesSchema,
  SmsReportSchema,
  TestMessageSchema,
} from './schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const invalidPhone = () =>
  new HttpProblem(400, 'phone must be +998 and nine digits', {
    errors: [{ field: 'phone', message: '+998 and nine digits, e.g. +998 90 123 45 67' }],
  });

const LINKED: Record<string, string> = {
  uz: 'Mening Uyim: hisobingiz ulandi. Xabarnomalar shu yerga keladi.',
  ru: 'Mening Uyim: аккаунт привязан. Уведомления будут приходить сюда.',
  en: 'Mening Uyim: your account is linked. Notices will come here.',
};
/** The building's list in the reader's language, after the scope check (404/403 first). */
async function boardFor(c: Context<AppEnv>, buildingId: string) {
  await assertBuildingVisible(c, buildingId);
  const lang = requestLanguage(c);
  const found = await noticeBoardOf(emOf(c), buildingId);
  if (!found) throw notFound('no such building');
  const sections = noticeBoard(found.entries, lang, BOARD_WORDS[lang].unknownPlace);
  const newest = Math.max(0, ...found.entries.map((e) => Date.parse(e.mailedAt)));
  return { address: found.address, lang, sections, date: new Date(newest) };
}

const TEST_TEXTS = {
  uz: {
    subject: 'Mening Uyim: sinov xabari',
    body: 'Bu sinov xabari. Xabarnomalar shu kanal orqali keladi.',
  },
  ru: {
    subject: 'Mening Uyim: тестовое сообщение',
    body: 'Это тестовое сообщение. Уведомления будут приходить по этому каналу.',
  },
  en: {
    subject: 'Mening Uyim: test message',
    body: 'This is a test message. Notices will come by this channel.',
  },
};

/** A refusal of a typed phone code, with its stable code for the widget to word. */
const codeRefusal = (status: 422 | 404, code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(status, detail, {
    errors: [{ field: 'code', message: detail }],
    extensions: { code: `notifications.${code}`, ...extra },
  });

const UNKNOWN_CODE =
  'Havola eskirgan yoki ishlatilgan. / Ссылка устарела или уже использована. / The link has expired or was used.';

export function notificationsRoutes(deps: AppDeps) {
  const tg = deps.config.notifications.telegram;
  const bot = tg.token ? createTelegramBot({ token: tg.token, apiUrl: tg.apiUrl }, tg.username) : undefined;
  bot?.command('start', async (ctx) => {
    const code = startCode(ctx.message?.text ?? '');
    const chatId = String(ctx.chat.id);
    const person = code ? await redeemLinkCode(deps.orm.em.fork() as never, code, chatId, new Date()) : null;
    if (!person) return void (await ctx.reply(UNKNOWN_CODE));
    const prefs = await readPreferences(
      deps.orm.em.fork() as never,
      person,
      deps.config.notifications.policy.defaultOrder,
    );
    await ctx.reply(LINKED[prefs?.language ?? 'uz'] as string);
  });
  const sms = deps.config.notifications.sms;
  // The code goes straight to the gateway, not through the dispatcher: the person is waiting for
  // it, and it is no notice (no fallback, no delivery record, never to an unverified number twice).
  const codeSender = sms.url
    ? createSmsSender(
        {
          url: sms.url,
          token: sms.token,
          sender: sms.sender,
          callbackUrl: `${deps.config.publicUrl}/api/v1/notifications/sms/reports`,
        },
        (m) => m.body,
      )
    : undefined;
  const webhook =
    bot && tg.webhookSecret ? webhookCallback(bot, 'hono', { secretToken: tg.webhookSecret }) : undefined;

  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getNotificationPreferences',
        path: '/notifications/preferences',
        tags: ['notifications'],
        summary: "The caller's channels, language and opt-out (resident)",
        security: bearer,
        middleware: [requireRoles('resident')] as const,
        responses: {
          200: { description: 'The preferences', ...json(PreferencesSchema) },
          ...problems(401, 403, 404),
        },
      }),
      async (c) => {
        const prefs = await readPreferences(
          emOf(c),
          personOf(c),
          deps.config.notifications.policy.defaultOrder,
        );
        if (!prefs) throw notFound('no person behind this account');
        return c.json(prefs, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        operationId: 'setNotificationPreferences',
        path: '/notifications/preferences',
        tags: ['notifications'],
        summary:
          "Sets the caller's channel order, language, opt-out of non-legal messages and phone (resident); the same Idempotency-Key with another body is 409",
        security: bearer,
        middleware: [requireRoles('resident')] as const,
        request: { headers: IdempotencyHeader, body: { required: true, ...json(PreferencesInputSchema) } },
        responses: {
          200: { description: 'The preferences now', ...json(PreferencesSchema) },
          ...problems(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const phone = body.phone === null ? null : normalizeUzPhone(body.phone);
        if (body.phone !== null && !phone) throw invalidPhone();
        const person = personOf(c);
        const em = emOf(c);
        if (!(await readPreferences(em, person, []))) throw notFound('no person behind this account');
        const key = c.req.valid('header')['idempotency-key'];
        const saved = await savePreferences(em, person, { ...body, phone }, key, await requestHash(body));
        if (saved === 'conflict') throw idempotencyConflict('notifications');
        return c.json(
          (await readPreferences(em, person, deps.config.notifications.policy.defaultOrder)) as never,
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        operationId: 'requestPhoneVerification',
        path: '/notifications/phone/verification',
        tags: ['notifications'],
        summary:
          "Sends a one-time code by SMS to the caller's +998 number, which carries SMS notices once the code is typed (resident)",
        description:
          'The same Idempotency-Key and body is the same request: an SMS the gateway took is not sent again. ' +
          'At most `phoneCodesPerHour` codes an hour to one person and to one number (429 with Retry-After); ' +
          'a code works for `phoneCodeMinutes` and `phoneCodeAttempts` wrong tries (NOTIFICATIONS_POLICY).',
        security: bearer,
        middleware: [requireRoles('resident')] as const,
        request: { headers: IdempotencyHeader, body: { required: true, ...json(PhoneCodeRequestSchema) } },
        responses: {
          202: { description: 'The code was sent', ...json(PhoneCodeSentSchema) },
          ...problems(400, 401, 403, 404, 409, 422, 429, 503),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const phone = normalizeUzPhone(body.phone);
        if (!phone) throw invalidPhone();
        if (!codeSender) throw unavailable('SMS is not configured');
        const em = emOf(c);
        const person = personOf(c);
        const prefs = await readPreferences(em, person, []);
        if (!prefs) throw notFound('no person behind this account');
        const policy = deps.config.notifications.policy;
        const asked = await requestPhoneCode(
          em,
          {
            personId: person,
            phone,
            key: c.req.valid('header')['idempotency-key'],
            requestSha256: await requestHash({ phone }),
          },
          { minutes: policy.phoneCodeMinutes, perHour: policy.phoneCodesPerHour },
          new Date(),
        );
        if (asked.kind === 'conflict') throw idempotencyConflict('notifications');
        if (asked.kind === 'wait')
          throw new HttpProblem(429, 'too many codes for this person or number within the hour', {
            headers: { 'Retry-After': String(asked.seconds) },
            extensions: { code: 'notifications.too_many_codes', retryAfterSeconds: asked.seconds },
          });
        const sent = asked.code;
        if (sent.code !== null) {
          const answer = await codeSender.send({
            key: sent.smsKey,
            address: sent.phone,
            subject: '',
            body: phoneCodeText(prefs.language, sent.code, policy.phoneCodeMinutes),
          });
          if (answer.kind === 'retry') throw unavailable('the SMS gateway did not take the code; try again');
          if (answer.kind === 'failed')
            throw new HttpProblem(422, 'the SMS gateway refused this number', {
              errors: [{ field: 'phone', message: 'no SMS can be sent to this number' }],
              extensions: { code: 'notifications.phone_unreachable' },
            });
          await markPhoneCodeSent(em, sent.id, new Date());
        }
        return c.json({ phone: maskPhone(sent.phone), expiresAt: sent.expiresAt.toISOString() }, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        operationId: 'verifyPhone',
        path: '/notifications/phone/verification/code',
        tags: ['notifications'],
        summary:
          "Checks the code typed by the caller against the last one sent; the right one in time makes its number the caller's SMS number (resident)",
        description:
          'Retrying the right code after it verified answers the same (no Idempotency-Key needed: nothing more changes). ' +
          '422 with `code` notifications.code_wrong (and attemptsLeft), code_expired, code_exhausted or code_used; 404 when no code was sent.',
        security: bearer,
        middleware: [requireRoles('resident')] as const,
        request: { body: { required: true, ...json(PhoneCodeInputSchema) } },
        responses: {
          200: { description: 'The preferences now', ...json(PreferencesSchema) },
          ...problems(400, 401, 403, 404, 422),
        },
      }),
      async (c) => {
        const em = emOf(c);
        const person = personOf(c);
        const policy = deps.config.notifications.policy;
        const checked = await checkPhoneCode(
          em,
          person,
          c.req.valid('json').code,
          policy.phoneCodeAttempts,
          new Date(),
        );
        switch (checked.verdict) {
          case 'none':
            throw codeRefusal(404, 'no_code', 'no code was sent to you: ask for one');
          case 'wrong':
            throw codeRefusal(422, 'code_wrong', 'this is not the code that was sent', {
              attemptsLeft: checked.attemptsLeft,
            });
          case 'expired':
            throw codeRefusal(422, 'code_expired', 'the code has expired: ask for a new one');
          case 'exhausted':
            throw codeRefusal(422, 'code_exhausted', 'too many wrong codes: ask for a new one');
          case 'used':
            throw codeRefusal(422, 'code_used', 'this code was already used: ask for a new one');
        }
        return c.json((await readPreferences(em, person, policy.defaultOrder)) as never, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        operationId: 'createTelegramLink',
        path: '/notifications/telegram/link',
        tags: ['notifications'],
        summary: "A one-time deep link that links the caller's Telegram chat to the bot (resident)",
        security: bearer,
        middleware: [requireRoles('resident')] as const,
        request: { headers: IdempotencyHeader },
        responses: { 201: { description: 'The link', ...json(LinkSchema) }, ...problems(400, 401, 403) },
      }),
      async (c) => {
        if (!bot) throw new HttpProblem(503, 'Telegram is not configured');
        const code = linkCodeFrom(randomBytes(24));
        const expiresAt = new Date(Date.now() + deps.config.notifications.policy.linkCodeMinutes * 60_000);
        await createLinkCode(emOf(c), personOf(c), code, expiresAt);
        return c.json({ url: deepLink(tg.username, code), code, expiresAt: expiresAt.toISOString() }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        operationId: 'createTestMessage',
        path: '/notifications/test-message',
        tags: ['notifications'],
        summary:
          'Sends the caller one test message (not a legal notice) by the first reachable channel of their order (resident)',
        description:
          'The same Idempotency-Key is the same message: a retry sends nothing more. 422 when no channel reaches the caller or they opted out of non-legal messages.',
        security: bearer,
        middleware: [requireRoles('resident')] as const,
        request: { headers: IdempotencyHeader },
        responses: {
          202: { description: 'Queued; the dispatcher sends it', ...json(TestMessageSchema) },
          ...problems(400, 401, 403, 404, 422),
        },
      }),
      async (c) => {
        const person = personOf(c);
        const em = emOf(c);
        const policy = deps.config.notifications.policy;
        const prefs = await readPreferences(em, person, policy.defaultOrder);
        if (!prefs) throw notFound('no person behind this account');
        const route = routeFor(policy, 'test', prefs, {
          email: prefs.email,
          phone: prefs.phoneVerified ? prefs.phone : null,
          telegramChatId: prefs.telegramLinked ? 'linked' : null,
          unreachable: prefs.unreachable,
        });
        const channel = route.channels[0];
        if (!channel)
          throw new HttpProblem(
            422,
            'skipped' in route && route.skipped === 'opted_out'
              ? 'you opted out of all but legal notices'
              : 'no channel reaches you: add a phone, link Telegram or give an e-mail address',
            { errors: [{ field: 'order', message: 'no reachable channel' }] },
          );
        const key = c.req.valid('header')['idempotency-key'];
        const mailingId = await enqueueMailing(
          em,
          {
            kind: 'test',
            texts: TEST_TEXTS,
            idempotencyKey: `test-message:${person}:${key}`,
            recipients: [{ personId: person }],
          },
          new Date(),
        );
        return c.json({ mailingId, channel }, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        operationId: 'receiveTelegramUpdate',
        path: '/notifications/telegram/webhook',
        tags: ['notifications'],
        summary: 'Updates from Telegram (the Bot API, authenticated by X-Telegram-Bot-Api-Secret-Token)',
        security: publicAccess,
        // Our own check first, so a stranger gets problem+json and the bot is never woken for them.
        middleware: [
          async (c, next) => {
            if (!sharedSecretMatches(c.req.header('x-telegram-bot-api-secret-token'), tg.webhookSecret))
              throw unauthorized('the webhook secret token is required');
            await next();
          },
        ] as const,
        responses: { 200: { description: 'Handled' }, ...problems(401) },
      }),
      async (c) => {
        if (!webhook) throw new HttpProblem(503, 'Telegram is not configured');
        return (await webhook(c as never)) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        operationId: 'recordSmsDeliveryReport',
        path: '/notifications/sms/reports',
        tags: ['notifications'],
        summary: "The SMS gateway's delivery report (the gateway, by the callback bearer secret)",
        security: bearer,
        // The secret is checked before the body is read, so a stranger learns nothing of its shape.
        middleware: [
          async (c, next) => {
            const header = c.req.header('authorization');
            const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
            if (!sharedSecretMatches(given, deps.config.notifications.sms.callbackSecret))
              throw unauthorized("the gateway's callback bearer token is required");
            await next();
          },
        ] as const,
        request: { body: { required: true, ...json(SmsReportSchema) } },
        responses: { 204: { description: 'Recorded' }, ...problems(400, 401, 404) },
      }),
      async (c) => {
        const r = c.req.valid('json');
        const event =
          r.status === 'delivered'
            ? { type: 'delivered' as const }
            : { type: 'failed' as const, reason: r.error ?? 'failed' };
        const state = await recordReport(emOf(c), r.id, event, new Date());
        if (!state) throw notFound('no such message');
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getMailingReport',
        path: '/notifications/mailings/{id}/report',
        tags: ['notifications'],
        summary:
          "A mailing's messages by status and its deliveries by channel and state (management_company of the sender, admin)",
        security: bearer,
        middleware: [requireRoles('management_company', 'admin')] as const,
        request: { params: UuidParam },
        responses: {
          200: { description: 'The report', ...json(MailingReportSchema) },
          ...problems(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        // Whose mailing it is comes first; the counts are read only for its sender.
        const sender = await mailingSender(emOf(c), id);
        if (!sender) throw notFound('no such mailing');
        const p = c.var.principal;
        if (
          !hasRole(p, 'admin') &&
          (sender.organizationId === null || sender.organizationId !== p.organizationId)
        )
          throw forbidden("this mailing is not your organization's");
        const report = await mailingReport(emOf(c), id);
        if (!report) throw notFound('no such mailing');
        return c.json(report, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getUnreachableOwners',
        path: '/notifications/buildings/{id}/unreachable',
        tags: ['notifications'],
        summary:
          "The building's owners no channel reached, per mailing: apartment and initials only (the building's management_company, its district council)",
        description: 'In the language of `lang`, else of Accept-Language, else Uzbek.',
        security: bearer,
        middleware: [requireRoles('management_company', 'council')] as const,
        request: { params: UuidParam, query: BoardQuery },
        responses: {
          200: { description: 'The list', ...json(NoticeBoardSchema) },
          ...problems(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        const b = await boardFor(c, id);
        return c.json({ buildingId: id, address: b.address, language: b.lang, sections: b.sections }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        operationId: 'getUnreachableOwnersPdf',
        path: '/notifications/buildings/{id}/unreachable.pdf',
        tags: ['notifications'],
        summary:
          "The same list as a PDF for the entrance notice board (the building's management_company, its district council)",
        description: 'In the language of `lang`, else of Accept-Language, else Uzbek.',
        security: bearer,
        middleware: [requireRoles('management_company', 'council')] as const,
        request: { params: UuidParam, query: BoardQuery },
        responses: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...problems(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        const b = await boardFor(c, id);
        const pdf = await renderNoticeBoardPdf(b.address, b.sections, b.lang, b.date);
        return c.body(pdf as never, 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="unreachable-${id}.pdf"`,
          'Content-Language': b.lang,
          'Cache-Control': 'private, max-age=0, must-revalidate',
        });
      },
    );
}
