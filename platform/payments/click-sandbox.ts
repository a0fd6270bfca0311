// A local stand-in for Click: it posts Prepare and Complete to our SHOP API endpoints exactly as
// Click does (form-encoded, amount in so'm as a decimal string, sign_time in Tashkent time,
// sign_string the md5 of the fields with the secret key) and serves a checkout page the demo
// portal opens to pay a receipt. Tests drive it to replay, reorder, give up on answers or die. Its
// registry (registry.ts's contract, at `url`) lists every payment our Complete acknowledged, and
// those a test says Click performed without ever telling us.
import { createHash } from 'node:crypto';
import { parseClickLink } from '../../domain/billing/checkout-links.ts';
import { clickSignString } from '../../domain/billing/click.ts';
import { parseDecimalSom } from '../../domain/billing/money.ts';
import { type CheckoutServer, providerClient, startCheckoutServer } from './checkout-server.ts';
import type { RegistryTransaction } from './registry.ts';

export type ClickForm = Record<string, string>;
export type ClickReplyBody = Record<string, string | number | null>;

export interface ClickSandbox extends CheckoutServer {
  /** The signed form of one step; `override` changes fields after signing (a forged or broken call). */
  form(p: ClickStep, override?: Partial<ClickForm>): ClickForm;
  /** Posts one form to prepare or complete; `timeoutMs` gives up on the answer (CallLost). */
  post(step: 'prepare' | 'complete', form: ClickForm, o?: { timeoutMs?: number }): Promise<ClickReplyBody>;
  /** Prepare and complete one payment; each step sent `1 + replays` times. */
  pay(p: {
    account: string;
    amount: number;
    clickTransId?: string;
    replays?: number;
  }): Promise<ClickReplyBody>;
  newId(): string;
  die(): void;
  /** What its registry lists, by click_trans_id. */
  readonly performed: ReadonlyMap<string, RegistryTransaction>;
  /** A payment Click performed whose calls never reached us. */
  performUnnoticed(p: { account: string; amount: number; id?: string; at?: number }): RegistryTransaction;
}

export interface ClickStep {
  clickTransId: string;
  account: string;
  /** Tiyin; sent as so'm. */
  amount: number;
  action: '0' | '1';
  prepareId?: string | number | null;
  /** Click's own status: below 0 at Complete means the payment failed on its side. */
  error?: number;
}

const tiyinOf = (som: string) => {
  const p = parseDecimalSom(som);
  return p.ok ? p.tiyin : 0;
};
const som = (tiyin: number) => `${Math.floor(tiyin / 100)}.${String(tiyin % 100).padStart(2, '0')}`;
/** Click signs with Tashkent wall time, UTC+5 all year. */
const signTime = (ms: number) => new Date(ms + 5 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

let lastId = Date.now() * 10;

export async function startClickSandbox(o: {
  /** Our endpoints' prefix: …/api/v1/payments/click. */
  merchantUrl: string;
  serviceId: string;
  secretKey: string;
  port?: number;
}): Promise<ClickSandbox> {
  const client = providerClient();
  const newId = () => String(++lastId);
  const form: ClickSandbox['form'] = (p, override = {}) => {
    const f: ClickForm = {
      click_trans_id: p.clickTransId,
      service_id: o.serviceId,
      click_paydoc_id: String(Number(p.clickTransId) + 7),
      merchant_trans_id: p.account,
      amount: som(p.amount),
      action: p.action,
      error: String(p.error ?? 0),
      error_note: (p.error ?? 0) < 0 ? 'Payment failed' : 'Success',
      sign_time: signTime(Date.now()),
      sign_string: '',
    };
    if (p.action === '1') f.merchant_prepare_id = String(p.prepareId ?? '');
    const signed = {
      click_trans_id: f.click_trans_id!,
      service_id: f.service_id!,
      click_paydoc_id: f.click_paydoc_id!,
      merchant_trans_id: f.merchant_trans_id!,
      merchant_prepare_id: f.merchant_prepare_id ?? null,
      amount: f.amount!,
      action: f.action!,
      error: Number(f.error),
      sign_time: f.sign_time!,
      sign_string: '',
    };
    f.sign_string = createHash('md5').update(clickSignString(signed, o.secretKey)).digest('hex');
    return { ...f, ...override } as ClickForm;
  };
  const performed = new Map<string, RegistryTransaction>();
  const post: ClickSandbox['post'] = async (step, f, c = {}) => {
    const reply = (await client.post(
      `${o.merchantUrl}/${step}`,
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(f).toString(),
      },
      c.timeoutMs,
    )) as ClickReplyBody;
    // Click counts a payment performed once our Complete acknowledged a successful one.
    const id = f.click_trans_id ?? '';
    if (step === 'complete' && reply.error === 0 && Number(f.error) === 0 && !performed.has(id))
      performed.set(id, {
        id,
        account: f.merchant_trans_id ?? '',
        amount: tiyinOf(f.amount ?? '0'),
        performedAt: Date.now(),
        cancelledAt: null,
      });
    return reply;
  };
  const performUnnoticed: ClickSandbox['performUnnoticed'] = ({ account, amount, id = newId(), at }) => {
    const t = { id, account, amount, performedAt: at ?? Date.now(), cancelledAt: null };
    performed.set(id, t);
    return t;
  };
  const pay: ClickSandbox['pay'] = async ({ account, amount, clickTransId = newId(), replays = 0 }) => {
    const repeated = async (step: 'prepare' | 'complete', f: ClickForm) => {
      const first = await post(step, f);
      for (let i = 0; i < replays; i++) await post(step, f);
      return first;
    };
    const prepared = await repeated('prepare', form({ clickTransId, account, amount, action: '0' }));
    if (prepared.error !== 0) return prepared;
    return repeated(
      'complete',
      form({ clickTransId, account, amount, action: '1', prepareId: prepared.merchant_prepare_id }),
    );
  };
  const checkout = await startCheckoutServer({
    provider: 'Click',
    port: o.port,
    parse: (rest, query) => (rest ? null : parseClickLink(query)),
    performed: () => performed.values(),
    pay: async (r) => {
      const reply = await pay(r);
      return reply.error === 0
        ? { ok: true, message: `Paid. Click transaction ${String(reply.click_trans_id)}` }
        : { ok: false, message: `Click: ${String(reply.error_note)}` };
    },
  });
  return { ...checkout, form, post, pay, newId, die: client.die, performed, performUnnoticed };
}
