// One place reads the environment. Everything else receives a typed Config, so tests build their
// own Config instead of mutating process.env, and a typo in an operator's variable fails at start.
import path from 'node:path';
import { z } from 'zod';
import { type AppealPolicy, DEFAULT_APPEAL_POLICY, resolveAppealPolicy } from '../domain/appeals/policy.ts';
import { type BillingPolicy, BillingPolicyError, mergeBillingPolicy } from '../domain/billing/policy.ts';
import {
  type CommissioningPolicy,
  DEFAULT_COMMISSIONING_POLICY,
  resolveCommissioningPolicy,
} from '../domain/commissioning/policy.ts';
import {
  DEFAULT_TAX_REGISTRATION_POLICY,
  type TaxRegistrationPolicy,
} from '../domain/contracts/tax-registration.ts';
import {
  DEFAULT_DISPATCH_POLICY,
  type DispatchPolicy,
  resolveDispatchPolicy,
} from '../domain/dispatch/policy.ts';
import { DEFAULT_LOT_POLICY, type LotPolicy, resolveLotPolicy } from '../domain/lots/policy.ts';
import { DEFAULT_MEETING_POLICY, type MeetingPolicy, resolvePolicy } from '../domain/meetings/policy.ts';
import {
  DEFAULT_NOTIFICATION_POLICY,
  type NotificationPolicy,
  resolveNotificationPolicy,
} from '../domain/notifications/policy.ts';
import {
  DEFAULT_REGISTER_POLICY,
  type RegisterPolicy,
  resolveRegisterPolicy,
} from '../domain/register/policy.ts';
import {
  type ClassificationPolicy,
  DEFAULT_CLASSIFICATION_POLICY,
  resolveClassificationPolicy,
} from '../domain/registry/classification-policy.ts';
import { DEFAULT_REPORT_POLICY, type ReportPolicy, resolveReportPolicy } from '../domain/reports/policy.ts';
import { policyOverrides } from './policy-overrides.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/**
 * BILLING_POLICY: the JSON of domain/billing/policy.ts's overrides, merged and checked by the
 * domain itself (its tariff table has dated rows the generic override check cannot describe).
 */
const billingPolicy = z
  .string()
  .transform((text, ctx): BillingPolicy => {
    try {
      return mergeBillingPolicy(JSON.parse(text));
    } catch (err) {
      if (err instanceof BillingPolicyError)
        for (const p of err.problems) ctx.addIssue({ code: 'custom', path: [p.key], message: p.message });
      else ctx.addIssue({ code: 'custom', message: `not valid JSON (${(err as Error).message})` });
      return z.NEVER;
    }
  })
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  PORTAL_URL: z.url().optional(),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(100).default(10_000),
  EMBEDDED_PG_PORT: port.default(54329),

  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TLS: bool.optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_CLI_PATH: z.string().optional(),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),

  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Mening Uyim <no-reply@meninguyim.uz>'),
  SMTP_CATCHER_PORT: port.default(1025),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  SMTP_MAX_MESSAGES: z.coerce.number().int().min(1).default(500),
  MAIL_OUTBOX_BATCH: z.coerce.number().int().min(1).max(5000).default(200),
  MAIL_OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).optional(),
  MAIL_OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).default(300_000),
  MAIL_OUTBOX_RETRY_MS: z.coerce.number().int().min(0).default(60_000),

  JWT_JWKS_URL: z.url().optional(),
  JWT_PUBLIC_KEY: z.string().optional(),
  JWT_ALGORITHMS: list.default(['ES256', 'RS256']),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),

  CORS_ORIGINS: list.default([]),
  FRAME_ANCESTORS: list.default([]),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  RATE_LIMITS: bool.optional(),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_WRITES_PER_TOKEN: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_WRITES_PER_IP: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().min(1).default(300),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  MEETING_POLICY: policyOverrides('meeting policy', DEFAULT_MEETING_POLICY, ['rules']),
  REGISTER_POLICY: policyOverrides('register policy', DEFAULT_REGISTER_POLICY),
  CLASSIFICATION_POLICY: policyOverrides('classification policy', DEFAULT_CLASSIFICATION_POLICY, ['weights']),
  TAX_REGISTRATION_POLICY: policyOverrides('tax-registration policy', DEFAULT_TAX_REGISTRATION_POLICY),
  APPEAL_POLICY: policyOverrides('appeal policy', DEFAULT_APPEAL_POLICY, [
    'officeHours',
    'attachments',
    'daysOff',
  ]),
  DISPATCH_POLICY: policyOverrides('dispatch policy', DEFAULT_DISPATCH_POLICY, ['photos']),
  TRIAGE_LLM_URL: z.url().optional(),
  TRIAGE_LLM_MODEL: z.string().min(1).optional(),
  TRIAGE_LLM_KEY: z.string().min(1).optional(),
  TRIAGE_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  COMMISSIONING_POLICY: policyOverrides('commissioning policy', DEFAULT_COMMISSIONING_POLICY, [
    'recorders',
    'signatures',
    'daysOff',
  ]),
  BILLING_POLICY: billingPolicy,
  BILLING_ACCRUAL_BATCH: z.coerce.number().int().min(100).max(20_000).default(5000),
  BANK_STATEMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  BILLING_SCHEDULE_CATCHUP_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 27)
    .default(72),
  BILLING_DAILY_BATCH: z.coerce.number().int().min(10).max(20_000).default(2000),
  BILLING_DAILY_CATCHUP_HOURS: z.coerce.number().int().min(1).max(23).default(20),
  REPORTS_POLICY: policyOverrides('reports policy', DEFAULT_REPORT_POLICY, ['daysOff']),
  LOTS_POLICY: policyOverrides('lots policy', DEFAULT_LOT_POLICY),
  NOTIFICATIONS_POLICY: policyOverrides('notifications policy', DEFAULT_NOTIFICATION_POLICY, [
    'fallbackAfterMinutes',
    'telegram',
  ]),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'a bot token: <id>:<secret>')
    .optional(),
  TELEGRAM_API_URL: z.url().optional(),
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^\w{5,32}$/, "the bot's @username without the @")
    .default('mening_uyim_bot'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 characters of A-Z a-z 0-9 _ -')
    .optional(),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  SMS_SENDER: z
    .string()
    .regex(/^[A-Za-z0-9 ]{1,11}$/, 'up to 11 letters or digits')
    .default('MeningUyim'),
  SMS_CALLBACK_SECRET: z.string().min(16).optional(),
  REPORTS_BATCH: z.coerce.number().int().min(1).max(5000).default(200),
  REPORTS_SCHEDULE_CATCHUP_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 80)
    .default(72),
  ELECTRICITY_BILLING_URL: z.url().optional(),
  ELECTRICITY_BILLING_API_KEY: z.string().optional(),
  ELECTRICITY_BILLING_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  PAYME_KEY: z.string().min(8).optional(),
  CLICK_SERVICE_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  CLICK_SECRET_KEY: z.string().min(8).optional(),
  PAYME_MERCHANT_ID: z
    .string()
    .regex(/^[\w-]{1,64}$/, 'letters, digits, - or _')
    .optional(),
  PAYME_CHECKOUT_URL: z.url().default('https://checkout.paycom.uz'),
  CLICK_MERCHANT_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  CLICK_CHECKOUT_URL: z.url().default('https://my.click.uz/services/pay'),
  PAYME_REGISTRY_URL: z.url().optional(),
  PAYME_REGISTRY_API_KEY: z.string().optional(),
  CLICK_REGISTRY_URL: z.url().optional(),
  CLICK_REGISTRY_API_KEY: z.string().optional(),
  PAYMENT_REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  CADASTRE_URL: z.url().optional(),
  CADASTRE_API_KEY: z.string().optional(),
  CADASTRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  STORAGE_DIR: z.string().optional(),
  TAX_AUTHORITY_URL: z.url().optional(),
  TAX_AUTHORITY_API_KEY: z.string().optional(),
  TAX_AUTHORITY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  E_IMZO_URL: z.url().optional(),
  E_IMZO_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DEMO_SEED: z.coerce.number().int().default(20261124),
  DEMO_APARTMENTS: z.coerce.number().int().min(100).default(3200),
});

export type Env = z.infer<typeof envSchema>;

/** Every variable the platform reads; the README's table and docker-compose.yml are checked against it. */
export const ENV_VARS = Object.keys(envSchema.shape) as (keyof Env)[];

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  /** The portal people sign in to: every link in a mail opens an object there (domain/common/links.ts). */
  portalUrl: string;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  /** Lines for a person at a terminal (development) or one JSON object a line for collectors. */
  logFormat: 'pretty' | 'json';
  database: {
    url?: string;
    poolMax: number;
    embeddedPort: number;
    /** How long a query waits for a connection before the request is refused with 503. */
    acquireTimeoutMs: number;
    /** The server cancels longer statements (statement_timeout). */
    statementTimeoutMs: number;
  };
  /** SIGTERM to exit: in-flight work gets this long, then the process exits whatever still hangs. */
  shutdownGraceMs: number;
  temporal: {
    address?: string;
    namespace: string;
    apiKey?: string;
    tls?: { enabled: boolean; certPath?: string; keyPath?: string; caPath?: string; serverName?: string };
    cliPath?: string;
    devPort: number;
    uiPort: number;
  };
  mail: {
    smtpUrl?: string;
    from: string;
    catcherPort: number;
    /** nodemailer's pool: connections kept open to the server, and messages each sends before it is renewed. */
    maxConnections: number;
    maxMessages: number;
    outbox: {
      /** Rows one dispatcher statement claims. */
      batchSize: number;
      /** Messages handed to the pool at once. */
      concurrency: number;
      /** How long a claimed row stays out of other senders' reach; a crashed sender's rows return after it. */
      leaseMs: number;
      /** How long a message the server answered 4xx waits before it is tried again. */
      retryMs: number;
    };
  };
  auth: { jwksUrl?: string; publicKey?: string; algorithms: string[]; issuer?: string; audience?: string };
  corsOrigins: string[];
  http: {
    /** Origins (besides our own) that may frame the served pages: the portals embedding them. */
    frameAncestors: string[];
    /** The largest request body a route takes unless it says otherwise (uploads, imports). */
    bodyLimitBytes: number;
    /** Proxies in front of the API whose X-Forwarded-For entry names the client; 0: none. */
    trustedProxyHops: number;
  };
  /** Requests per window, counted in PostgreSQL so every API instance shares them. */
  rateLimits: {
    enabled: boolean;
    windowMs: number;
    writesPerToken: number;
    writesPerIp: number;
    loginPerIp: number;
  };
  /** The configured demo always has its district's lots quarters, for the lots' minimum (db/seed/generate.ts). */
  demo: { seed: number; apartments: number; lots: { minApartments: number } };
  /** The partition's minimum and balance, the council's review and the application window. */
  lots: { policy: LotPolicy };
  /** Deployment-wide overrides of the general-meeting policy (domain/meetings/policy.ts). */
  meetings: { policy: MeetingPolicy };
  /** Deployment-wide overrides of the register's minimum requirements (domain/register/policy.ts). */
  register: { policy: RegisterPolicy };
  appeals: { policy: AppealPolicy };
  dispatch: {
    policy: DispatchPolicy;
    /** An OpenAI-compatible model asked for a second opinion on unsure triages; unset url: none. */
    secondOpinion: { url?: string; model?: string; key?: string; timeoutMs: number };
  };
  commissioning: {
    /** Frozen into each application when it is made. */
    policy: CommissioningPolicy;
    /** Unset: the cadastre is "unavailable" until configured (npm start runs a sandbox). */
    cadastre: { url?: string; apiKey?: string; timeoutMs: number };
  };
  /** Deployment-wide overrides of the green/yellow/red thresholds (domain/registry/classification-policy.ts). */
  registry: { classificationPolicy: ClassificationPolicy };
  /** Quarterly reports (domain/reports/policy.ts) and the quarter's start. */
  reports: {
    policy: ReportPolicy;
    /** Buildings whose quarter workflows one activity lists and the fan-out starts at once. */
    batchSize: number;
    /** How late the quarterly schedule may still start a missed quarter's workflows. */
    catchupWindowMs: number;
  };
  billing: {
    policy: BillingPolicy;
    /** The largest bank statement file an organization may upload. */
    bankStatementMaxBytes: number;
    accrual: {
      /** Apartments per activity (one ledger statement each). */
      batchSize: number;
      /**
       * How late the monthly schedule may still start a missed accrual (the worker or the server
       * was down on the 1st). Within the month, so a late run still accrues the right month.
       */
      catchupWindowMs: number;
    };
    /** The daily run: penalties every day, the debtors' handover to the electricity supplier. */
    daily: {
      /** Owner accounts (penalties) or owners (the handover) per activity. */
      batchSize: number;
      /**
       * How late the daily schedule may still start a missed day. Under a day, so a missed day is
       * not run twice over the next one: the next day's run posts the missed day's penalty anyway.
       */
      catchupWindowMs: number;
    };
    /** Unset: the supplier is "unavailable" until configured (npm start runs a sandbox). */
    electricity: { url?: string; apiKey?: string; timeoutMs: number };
    /**
     * The providers' credentials. Unset: nobody is authorized on that endpoint (npm start runs a
     * local sandbox and fills them in). A receipt offers a provider's payment link only when its
     * merchant id is set too; checkoutUrl is the provider's checkout (or the sandbox's).
     */
    payme: { key?: string; merchantId?: string; checkoutUrl: string };
    click: { serviceId?: string; secretKey?: string; merchantId?: string; checkoutUrl: string };
    /**
     * The providers' registries the daily reconciliation reads (platform/payments/registry.ts).
     * Unset: that provider is not reconciled, and the run's summary says so (npm start points
     * them at its sandboxes).
     */
    registries: {
      payme: { url?: string; apiKey?: string };
      click: { url?: string; apiKey?: string };
      timeoutMs: number;
    };
  };
  /** Uploaded files (appeal attachments) on local disk. */
  storage: { dir: string };
  notifications: {
    policy: NotificationPolicy;
    /**
     * Unset token: no Telegram (npm start runs a local Bot API server and fills these in). apiUrl
     * is the Bot API's root (grammY's apiRoot); unset, Telegram's own.
     */
    telegram: { token?: string; apiUrl?: string; username: string; webhookSecret?: string };
    /** Unset URL: no SMS (npm start runs the gateway's sandbox). */
    sms: { url?: string; token?: string; sender: string; callbackSecret?: string };
  };
  contracts: {
    taxPolicy: TaxRegistrationPolicy;
    /** Unset: registrations fail as "unavailable" until configured (npm start runs a sandbox). */
    taxAuthority: { url?: string; apiKey?: string; timeoutMs: number };
    /** Unset: E-IMZO signatures are stored unverified and never activate a contract. */
    eImzo: { url?: string; timeoutMs: number };
  };
}

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.issues = issues;
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" so that `FOO= npm start` behaves like an absent variable.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const lotPolicy = resolveLotPolicy(e.LOTS_POLICY);
  const tlsWanted = e.TEMPORAL_TLS ?? Boolean(e.TEMPORAL_API_KEY || e.TEMPORAL_TLS_CERT_PATH);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    // The demo portal is served at the API's own root; a host portal names its own address.
    portalUrl: e.PORTAL_URL ?? e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' ? 'pretty' : 'json'),
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      embeddedPort: e.EMBEDDED_PG_PORT,
      acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      apiKey: e.TEMPORAL_API_KEY,
      tls: tlsWanted
        ? {
            enabled: true,
            certPath: e.TEMPORAL_TLS_CERT_PATH,
            keyPath: e.TEMPORAL_TLS_KEY_PATH,
            caPath: e.TEMPORAL_TLS_CA_PATH,
            serverName: e.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
      cliPath: e.TEMPORAL_CLI_PATH,
      devPort: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      catcherPort: e.SMTP_CATCHER_PORT,
      maxConnections: e.SMTP_MAX_CONNECTIONS,
      maxMessages: e.SMTP_MAX_MESSAGES,
      outbox: {
        batchSize: e.MAIL_OUTBOX_BATCH,
        // Twice the connections: a connection that frees up finds its next message already queued.
        concurrency: e.MAIL_OUTBOX_CONCURRENCY ?? e.SMTP_MAX_CONNECTIONS * 2,
        leaseMs: e.MAIL_OUTBOX_LEASE_MS,
        retryMs: e.MAIL_OUTBOX_RETRY_MS,
      },
    },
    auth: {
      jwksUrl: e.JWT_JWKS_URL,
      publicKey: e.JWT_PUBLIC_KEY,
      algorithms: e.JWT_ALGORITHMS,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
    },
    corsOrigins: e.CORS_ORIGINS,
    http: {
      frameAncestors: e.FRAME_ANCESTORS,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    },
    rateLimits: {
      // Off under NODE_ENV=test: a suite makes thousands of writes a minute from one address.
      enabled: e.RATE_LIMITS ?? e.NODE_ENV !== 'test',
      windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
      writesPerToken: e.RATE_LIMIT_WRITES_PER_TOKEN,
      writesPerIp: e.RATE_LIMIT_WRITES_PER_IP,
      loginPerIp: e.RATE_LIMIT_LOGIN_PER_IP,
    },
    demo: {
      seed: e.DEMO_SEED,
      apartments: e.DEMO_APARTMENTS,
      lots: { minApartments: lotPolicy.minApartments },
    },
    lots: { policy: lotPolicy },
    meetings: { policy: resolvePolicy(e.MEETING_POLICY) },
    register: { policy: resolveRegisterPolicy(e.REGISTER_POLICY) },
    appeals: { policy: resolveAppealPolicy(e.APPEAL_POLICY) },
    dispatch: {
      policy: resolveDispatchPolicy(e.DISPATCH_POLICY),
      secondOpinion: {
        url: e.TRIAGE_LLM_URL,
        model: e.TRIAGE_LLM_MODEL,
        key: e.TRIAGE_LLM_KEY,
        timeoutMs: e.TRIAGE_LLM_TIMEOUT_MS,
      },
    },
    commissioning: {
      policy: resolveCommissioningPolicy(e.COMMISSIONING_POLICY),
      cadastre: { url: e.CADASTRE_URL, apiKey: e.CADASTRE_API_KEY, timeoutMs: e.CADASTRE_TIMEOUT_MS },
    },
    registry: { classificationPolicy: resolveClassificationPolicy(e.CLASSIFICATION_POLICY) },
    reports: {
      policy: resolveReportPolicy(e.REPORTS_POLICY),
      batchSize: e.REPORTS_BATCH,
      catchupWindowMs: e.REPORTS_SCHEDULE_CATCHUP_HOURS * 60 * 60 * 1000,
    },
    billing: {
      policy: e.BILLING_POLICY ?? mergeBillingPolicy(undefined),
      bankStatementMaxBytes: e.BANK_STATEMENT_MAX_BYTES,
      accrual: {
        batchSize: e.BILLING_ACCRUAL_BATCH,
        catchupWindowMs: e.BILLING_SCHEDULE_CATCHUP_HOURS * 60 * 60 * 1000,
      },
      daily: {
        batchSize: e.BILLING_DAILY_BATCH,
        catchupWindowMs: e.BILLING_DAILY_CATCHUP_HOURS * 60 * 60 * 1000,
      },
      electricity: {
        url: e.ELECTRICITY_BILLING_URL,
        apiKey: e.ELECTRICITY_BILLING_API_KEY,
        timeoutMs: e.ELECTRICITY_BILLING_TIMEOUT_MS,
      },
      payme: { key: e.PAYME_KEY, merchantId: e.PAYME_MERCHANT_ID, checkoutUrl: e.PAYME_CHECKOUT_URL },
      click: {
        serviceId: e.CLICK_SERVICE_ID,
        secretKey: e.CLICK_SECRET_KEY,
        merchantId: e.CLICK_MERCHANT_ID,
        checkoutUrl: e.CLICK_CHECKOUT_URL,
      },
      registries: {
        payme: { url: e.PAYME_REGISTRY_URL, apiKey: e.PAYME_REGISTRY_API_KEY },
        click: { url: e.CLICK_REGISTRY_URL, apiKey: e.CLICK_REGISTRY_API_KEY },
        timeoutMs: e.PAYMENT_REGISTRY_TIMEOUT_MS,
      },
    },
    notifications: {
      policy: resolveNotificationPolicy(e.NOTIFICATIONS_POLICY),
      telegram: {
        token: e.TELEGRAM_BOT_TOKEN,
        apiUrl: e.TELEGRAM_API_URL,
        username: e.TELEGRAM_BOT_USERNAME,
        webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      },
      sms: {
        url: e.SMS_GATEWAY_URL,
        token: e.SMS_GATEWAY_TOKEN,
        sender: e.SMS_SENDER,
        callbackSecret: e.SMS_CALLBACK_SECRET,
      },
    },
    storage: { dir: path.resolve(e.STORAGE_DIR ?? path.join(e.DATA_DIR, 'files')) },
    contracts: {
      taxPolicy: { ...DEFAULT_TAX_REGISTRATION_POLICY, ...e.TAX_REGISTRATION_POLICY },
      taxAuthority: {
        url: e.TAX_AUTHORITY_URL,
        apiKey: e.TAX_AUTHORITY_API_KEY,
        timeoutMs: e.TAX_AUTHORITY_TIMEOUT_MS,
      },
      eImzo: { url: e.E_IMZO_URL, timeoutMs: e.E_IMZO_TIMEOUT_MS },
    },
  };
}

/**
 * Task queues are named per capability so a deployment can scale one without the others; the
 * worker process polls every queue listed here, one worker each.
 */
export const TASK_QUEUES = {
  registry: 'registry',
  // Meetings live for weeks and mostly sleep on timers: their own queue lets a deployment scale
  // notice sending without touching registry syncs.
  meetings: 'meetings',
  // Register reviews sleep for weeks between a handful of steps: their own queue keeps a backlog
  // of meeting notices from delaying a reviewer's decision.
  register: 'register',
  // Contracts wait weeks for signatures and a tax-registration term; their queue keeps a slow
  // verifier or tax authority from delaying anything else.
  contracts: 'contracts',
  // Appeals are many and mostly asleep on their deadlines; their own queue scales with them.
  appeals: 'appeals',
  // Commissionings wait weeks for a passport and signatures; their queue keeps a slow cadastre
  // from delaying anything else.
  commissioning: 'commissioning',
  // The monthly accrual posts tens of thousands of lines per district in a few large activities;
  // its own queue keeps that burst from delaying anyone's signature or vote.
  billing: 'billing',
  // A workflow per building and quarter, asleep on its reminders and deadline.
  reports: 'reports',
  // One workflow per dispatch request, asleep on minutes-long clocks that must fire on time: its
  // own queue keeps a burst of monthly accrual or meeting notices from delaying an escalation.
  dispatch: 'dispatch',
  // One workflow per lot version, asleep for weeks on the council's deadline.
  lots: 'lots',
} as const;
