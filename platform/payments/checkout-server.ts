// The part both provider sandboxes share: a small HTTP server with the provider's checkout page
// ("pay this receipt"), which the demo portal opens through the provider's own link format
// (domain/billing/checkout-links.ts) or plainly with ?account=…&amount=… (tiyin), and which sends
// the payer back to the link's return address after paying; the provider's registry of what it
// performed on a day (the contract of registry.ts); and the client side of the provider's calls to
// our endpoint, which a test can make time out or die.
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CheckoutAsked } from '../../domain/billing/checkout-links.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { escapeHtml } from '../../domain/common/html.ts';
import type { RegistryTransaction } from './registry.ts';

export interface CheckoutRequest {
  account: string;
  /** Tiyin. */
  amount: number;
}

export interface CheckoutServer {
  /** The checkout page's and the registry's base URL. */
  url: string;
  /** The page the portal opens for a receipt (the plain form; the provider's links go to `${url}/checkout`). */
  checkoutUrl(account: string, amountTiyin: number): string;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><style>body{font:16px system-ui;max-width:340px;margin:2em auto;padding:0 10px}` +
  `button{font-size:1.1em;padding:.6em 1.2em}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;

/** Only web addresses are offered as the way back, never javascript: or the like. */
const returnLink = (url: string | null) =>
  url && /^https?:\/\//i.test(url)
    ? `<p><a id="return" href="${escapeHtml(url)}">Return to the merchant</a></p>`
    : '';

function plain(q: URLSearchParams): CheckoutAsked | null {
  const account = q.get('account') ?? '';
  const amount = Number(q.get('amount'));
  if (!/^\d{10}$/.test(account) || !Number.isSafeInteger(amount) || amount <= 0) return null;
  return { account, amount, returnUrl: null };
}

const som = (tiyin: number) => `${Math.floor(tiyin / 100)}.${String(tiyin % 100).padStart(2, '0')}`;

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function html(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(text);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

export async function startCheckoutServer(o: {
  provider: string;
  port?: number;
  host?: string;
  /** Reads the provider's own link: the path after /checkout/ and the query. */
  parse(rest: string, query: URLSearchParams): CheckoutAsked | null;
  /** Runs the provider's protocol against our endpoint; the message tells the payer the outcome. */
  pay(r: CheckoutRequest): Promise<{ ok: boolean; message: string }>;
  /** Every transaction the provider performed, for its registry. */
  performed(): Iterable<RegistryTransaction>;
}): Promise<CheckoutServer> {
  const host = o.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    void (async () => {
      if (req.method === 'GET' && url.pathname === '/v1/registry') {
        const date = url.searchParams.get('date') ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
          return json(res, 422, {
            code: 'validation_failed',
            message: 'invalid request',
            errors: [{ field: 'date', message: "must be 'YYYY-MM-DD'" }],
          });
        const transactions = [...o.performed()].filter((t) => tashkentDate(t.performedAt) === date);
        return json(res, 200, { date, transactions });
      }
      if (req.method === 'GET' && (url.pathname === '/checkout' || url.pathname.startsWith('/checkout/'))) {
        const rest = url.pathname.slice('/checkout/'.length);
        const asked = (rest ? null : plain(url.searchParams)) ?? o.parse(rest, url.searchParams);
        if (!asked)
          return html(
            res,
            400,
            page(o.provider, '<p>account (10 digits) and amount (tiyin) are required</p>'),
          );
        const back = asked.returnUrl
          ? `<input type="hidden" name="return" value="${escapeHtml(asked.returnUrl)}">`
          : '';
        return html(
          res,
          200,
          page(
            `${o.provider} (sandbox)`,
            `<p>Personal account <b>${asked.account}</b></p><p>Amount <b>${som(asked.amount)}</b> so'm</p>` +
              `<form method="post" action="/checkout/pay"><input type="hidden" name="account" value="${asked.account}">` +
              `<input type="hidden" name="amount" value="${asked.amount}">${back}<button type="submit">Pay</button></form>`,
          ),
        );
      }
      if (req.method === 'POST' && url.pathname === '/checkout/pay') {
        const form = await formOf(req);
        const account = form.get('account') ?? '';
        const amount = Number(form.get('amount'));
        if (!/^\d{10}$/.test(account) || !Number.isSafeInteger(amount) || amount <= 0)
          return html(res, 400, page(o.provider, '<p>account and amount are required</p>'));
        const outcome = await o.pay({ account, amount });
        return html(
          res,
          outcome.ok ? 200 : 422,
          page(
            o.provider,
            `<p id="outcome">${escapeHtml(outcome.message)}</p>${returnLink(form.get('return'))}`,
          ),
        );
      }
      html(res, 404, page(o.provider, '<p>not found</p>'));
    })().catch((err: unknown) => {
      if (!res.headersSent) html(res, 500, page(o.provider, escapeHtml(String(err))));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    checkoutUrl: (account, amount) => `${url}/checkout?account=${account}&amount=${amount}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Thrown when a call's answer never came: the provider timed out, or died, mid-call. */
export class CallLost extends Error {}

/**
 * The provider's HTTP client: each call may be given up after `timeoutMs` (the request may still
 * reach us and be processed), and die() aborts every call in flight, as a provider that crashes.
 * Plain node:http over kept-alive sockets rather than fetch: fetch's web streams and header
 * objects cost the sandbox about as much CPU per call as our endpoint spends answering it, which
 * on the benchmark's two cores is taken from the API and the database.
 */
export function providerClient() {
  const inflight = new Set<AbortController>();
  const agent = new Agent({ keepAlive: true });
  let dead = false;
  return {
    async post(
      url: string,
      init: { headers: Record<string, string>; body: string },
      timeoutMs?: number,
    ): Promise<unknown> {
      if (dead) throw new CallLost('the sandbox is dead');
      const ac = new AbortController();
      inflight.add(ac);
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => ac.abort(), timeoutMs);
      try {
        const body = Buffer.from(init.body);
        const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = request(
            url,
            {
              method: 'POST',
              agent,
              signal: ac.signal,
              headers: { ...init.headers, 'content-length': String(body.length) },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
              );
              res.on('error', reject);
            },
          );
          req.on('error', reject);
          req.end(body);
        });
        if (status !== 200) throw new Error(`${url} answered HTTP ${status}: ${text}`);
        return JSON.parse(text);
      } catch (err) {
        if (ac.signal.aborted) throw new CallLost(`no answer from ${url}`);
        throw err;
      } finally {
        clearTimeout(timer);
        inflight.delete(ac);
      }
    },
    die() {
      dead = true;
      for (const ac of inflight) ac.abort();
      agent.destroy();
    },
  };
}
