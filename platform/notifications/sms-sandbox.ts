// The SMS gateway's local stand-in for `npm start` and the tests: it speaks the adapter's protocol
// (platform/notifications/sms.ts), keeps client ids unique as a real gateway does, and posts a
// delivery report for each accepted SMS a moment later. Tests make numbers undeliverable, or take
// the gateway down (503) and up again.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SandboxSms {
  id: string;
  gatewayId: string;
  to: string;
  from: string;
  text: string;
}

export interface SmsSandbox {
  url: string;
  token: string;
  readonly received: readonly SandboxSms[];
  /** Reports for this number say failed. */
  undeliverable(to: string): void;
  /** SMS to this number are accepted and never reported on, as a phone that stays off. */
  silent(to: string): void;
  /** The gateway answers 503 to everything until `up()`. */
  down(): void;
  up(): void;
  /** Reports posted, and the callback's answers to them. */
  readonly reports: readonly { id: string; status: string; answer: number }[];
  close(): Promise<void>;
}

export interface SmsSandboxOptions {
  port?: number;
  token?: string;
  /** The bearer token it sends with delivery reports. */
  callbackSecret: string;
  /** How long after acceptance the report is posted. */
  reportDelayMs?: number;
}

async function json(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

const send = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export async function startSmsSandbox(opts: SmsSandboxOptions): Promise<SmsSandbox> {
  const token = opts.token ?? 'sandbox-sms-token';
  const received: SandboxSms[] = [];
  const byId = new Map<string, SandboxSms>();
  const dead = new Set<string>();
  const quiet = new Set<string>();
  const reports: { id: string; status: string; answer: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let isDown = false;

  const report = (sms: SandboxSms, callbackUrl: string) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const status = dead.has(sms.to) ? 'failed' : 'delivered';
      fetch(callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.callbackSecret}` },
        body: JSON.stringify({
          id: sms.id,
          gateway_id: sms.gatewayId,
          status,
          ...(status === 'failed' ? { error: 'absent subscriber' } : {}),
        }),
      })
        .then(async (r) => {
          await r.arrayBuffer();
          reports.push({ id: sms.id, status, answer: r.status });
        })
        .catch(() => reports.push({ id: sms.id, status, answer: 0 }));
    }, opts.reportDelayMs ?? 50);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (isDown) return send(res, 503, { error: 'service unavailable' });
      if (req.method !== 'POST' || req.url !== '/sms/send') return send(res, 404, { error: 'not found' });
      if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: 'invalid token' });
      const body = (await json(req)) as {
        messages?: { id?: string; to?: string; from?: string; text?: string; callback_url?: string }[];
      };
      const accepted: { id: string; gateway_id: string }[] = [];
      const rejected: { id: string; error: string }[] = [];
      for (const m of body.messages ?? []) {
        if (!m.id || !m.text || !m.from) return send(res, 400, { error: 'id, from and text are required' });
        if (!/^998\d{9}$/.test(m.to ?? '')) {
          rejected.push({ id: m.id, error: 'invalid number' });
          continue;
        }
        const known = byId.get(m.id);
        if (known) {
          accepted.push({ id: m.id, gateway_id: known.gatewayId });
          continue;
        }
        const sms: SandboxSms = {
          id: m.id,
          gatewayId: `gw-${received.length + 1}`,
          to: m.to as string,
          from: m.from,
          text: m.text,
        };
        received.push(sms);
        byId.set(m.id, sms);
        accepted.push({ id: m.id, gateway_id: sms.gatewayId });
        if (m.callback_url && !quiet.has(sms.to)) report(sms, m.callback_url);
      }
      return send(res, 200, { accepted, rejected });
    })().catch((err: unknown) => send(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get received() {
      return received;
    },
    get reports() {
      return reports;
    },
    undeliverable: (to) => dead.add(to.replace(/^\+/, '')),
    silent: (to) => quiet.add(to.replace(/^\+/, '')),
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
