// A local stand-in for Payme: it calls our Merchant API endpoint exactly as Payme does (JSON-RPC
// over POST, Basic "Paycom:<key>", amounts in tiyin, its own 24-hex transaction ids and times) and
// serves a checkout page the demo portal opens to pay a receipt. Tests drive it directly to
// replay calls, send them out of order, give up on an answer (Payme's timeout, after which it
// asks again) or die mid-call, as the real Payme does on a bad day.
import { randomBytes } from 'node:crypto';
import { parsePaymeLink } from '../../domain/billing/checkout-links.ts';
import { PAYME_ACCOUNT_FIELD } from '../../domain/billing/payme-request.ts';
import { CallLost, type CheckoutServer, providerClient, startCheckoutServer } from './checkout-server.ts';
import type { RegistryTransaction } from './registry.ts';

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
  /** What its registry lists, by Payme's transaction id. */
  readonly performed: ReadonlyMap<string, RegistryTransaction>;
  /**
   * A transaction Payme performed (the payer's money taken) whose calls never reached us: it is
   * in Payme's registry and nowhere on our side.
   */
  performUnnoticed(p: { account: string; amount: number; id?: string; at?: number }): RegistryTransaction;
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
  const created = new Map<string, { account: string; amount: number }>();
  const performed = new Map<string, RegistryTransaction>();
  /** Payme's records follow the merchant's answers: performed at its perform_time, cancelled at its cancel_time. */
  const record = (method: string, params: Record<string, unknown>, reply: PaymeReplyBody) => {
    const id = String(params.id);
    const r = reply.result;
    if (method === 'CreateTransaction' && r?.state === 1) {
      const account = params.account as Record<string, string> | undefined;
      created.set(id, { account: account?.[PAYME_ACCOUNT_FIELD] ?? '', amount: Number(params.amount) });
    }
    const c = created.get(id);
    if (method === 'PerformTransaction' && r?.state === 2 && c && !performed.has(id))
      performed.set(id, { id, ...c, performedAt: Number(r.perform_time), cancelledAt: null });
    const done = performed.get(id);
    if (method === 'CancelTransaction' && r?.state === -2 && done && done.cancelledAt === null)
      done.cancelledAt = Number(r.cancel_time);
  };
  const call: PaymeSandbox['call'] = async (method, params, c = {}) => {
    const key = c.key === undefined ? o.key : c.key;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== null) headers.authorization = `Basic ${Buffer.from(`Paycom:${key}`).toString('base64')}`;
    const body = JSON.stringify({ jsonrpc: '2.0', id: ++rpc, method, params });
    const reply = (await client.post(o.merchantUrl, { headers, body }, c.timeoutMs)) as PaymeReplyBody;
    record(method, params, reply);
    return reply;
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
  const performUnnoticed: PaymeSandbox['performUnnoticed'] = ({ account, amount, id = newId(), at }) => {
    const t = { id, account, amount, performedAt: at ?? now(), cancelledAt: null };
    performed.set(id, t);
    return t;
  };
  const checkout = await startCheckoutServer({
    provider: 'Payme',
    port: o.port,
    parse: (rest) => (rest ? parsePaymeLink(rest) : null),
    performed: () => performed.values(),
    pay: async (r) => {
      const reply = await pay(r);
      return reply.error
        ? { ok: false, message: `Payme: ${reply.error.message.en ?? reply.error.code}` }
        : { ok: true, message: `Paid. Payme transaction ${String(reply.result?.transaction)}` };
    },
  });
  return {
    ...checkout,
    call,
    callUntilAnswered,
    pay,
    newId,
    die: client.die,
    performed,
    performUnnoticed,
  };
}
