// A local stand-in for Payme: it calls our Merchant API endpoint exactly as Payme does (JSON-RPC
// over POST, Basic "Paycom:<key>", amounts in tiyin, its own 24-hex transaction ids and times) and
// serves a checkout page the demo portal opens to pay a receipt. Tests drive it directly to
// replay calls, send them out of order, give up on an answer (Payme's timeout, after which it
// asks again) or die mid-call, as the real Payme does on a bad day.
import { randomBytes } from 'node:crypto';
import { parsePaymeLink } from '../../domain/billing/checkout-links.ts';
import { PAYME_ACCOUNT_FIELD } from '../../domain/billing/payme-request.ts';
import { CallLost, type CheckoutServer, providerClient, startCheckoutServer } from './checkout-server.ts';

export interface PaymeReplyBody {
  jsonrpc: '2.0';
  id: unknown;
  result?: Record<string, unknown>;
  error?: { code: number; message: Record<string, string>; data?: string };
}

export interface PaymeSandbox extends CheckoutServer {
  /** One JSON-RPC call; `timeoutMs` gives up on the answer (CallLost) as Payme does. */
  call(
    method: string,
    params: Record<string, unknown>,
    o?: { timeoutMs?: number; key?: string | null },
  ): Promise<PaymeReplyBody>;
  /** A call repeated after every lost answer until one arrives, as Payme retries. */
  callUntilAnswered(
    method: string,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<PaymeReplyBody>;
  /** Check, create and perform one payment; each call sent `1 + replays` times. */
  pay(p: { account: string; amount: number; id?: string; replays?: number }): Promise<PaymeReplyBody>;
  /** A fresh Payme transaction id. */
  newId(): string;
  /** Aborts every call in flight and refuses new ones: Payme crashed. */
  die(): void;
}

export async function startPaymeSandbox(o: {
  /** Our endpoint: …/api/v1/payments/payme. */
  merchantUrl: string;
  key: string;
  port?: number;
  now?: () => number;
}): Promise<PaymeSandbox> {
  const client = providerClient();
  const now = o.now ?? Date.now;
  let rpc = 0;
  const call: PaymeSandbox['call'] = async (method, params, c = {}) => {
    const key = c.key === undefined ? o.key : c.key;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== null) headers.authorization = `Basic ${Buffer.from(`Paycom:${key}`).toString('base64')}`;
    const body = JSON.stringify({ jsonrpc: '2.0', id: ++rpc, method, params });
    return (await client.post(o.merchantUrl, { headers, body }, c.timeoutMs)) as PaymeReplyBody;
  };
  const callUntilAnswered: PaymeSandbox['callUntilAnswered'] = async (method, params, timeoutMs) => {
    for (;;) {
      try {
        return await call(method, params, { timeoutMs });
      } catch (err) {
        if (!(err instanceof CallLost) || String(err.message).includes('dead')) throw err;
        // Payme asks again with a longer patience, the same transaction id.
        timeoutMs *= 2;
      }
    }
  };
  const newId = () => randomBytes(12).toString('hex');
  const pay: PaymeSandbox['pay'] = async ({ account, amount, id = newId(), replays = 0 }) => {
    const twice = async (method: string, params: Record<string, unknown>) => {
      const first = await call(method, params);
      for (let i = 0; i < replays; i++) await call(method, params);
      return first;
    };
    const accountField = { [PAYME_ACCOUNT_FIELD]: account };
    const check = await twice('CheckPerformTransaction', { amount, account: accountField });
    if (check.error) return check;
    const created = await twice('CreateTransaction', { id, time: now(), amount, account: accountField });
    if (created.error) return created;
    return twice('PerformTransaction', { id });
  };
  const checkout = await startCheckoutServer({
    provider: 'Payme',
    port: o.port,
    parse: (rest) => (rest ? parsePaymeLink(rest) : null),
    pay: async (r) => {
      const reply = await pay(r);
      return reply.error
        ? { ok: false, message: `Payme: ${reply.error.message.en ?? reply.error.code}` }
        : { ok: true, message: `Paid. Payme transaction ${String(reply.result?.transaction)}` };
    },
  });
  return { ...checkout, call, callUntilAnswered, pay, newId, die: client.die };
}
