// The links that send a payer to a provider's own checkout with the personal account and the
// amount filled in, in each provider's published format, so the same code points at the real
// provider or at the local sandbox (which reads the same format):
// - Payme: <checkout>/<base64("m=<merchant id>;ac.personal_account=<account>;a=<tiyin>;l=<lang>;c=<return url>")>
// - Click: <checkout>?service_id=…&merchant_id=…&amount=<so'm, 2 decimals>&transaction_param=<account>&return_url=…
// Pure: btoa/atob exist in Node and in the browser alike.
import type { Language } from '../common/language.ts';
import { PAYME_ACCOUNT_FIELD } from './payme-request.ts';
import { isPersonalAccount } from './personal-account.ts';

export const PROVIDERS = ['payme', 'click'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface PaymeCheckout {
  /** e.g. https://checkout.paycom.uz, or the sandbox's …/checkout */
  checkoutUrl: string;
  merchantId: string;
}
export interface ClickCheckout {
  /** e.g. https://my.click.uz/services/pay, or the sandbox's …/checkout */
  checkoutUrl: string;
  serviceId: string;
  merchantId: string;
}

export interface CheckoutRequest {
  account: string;
  /** Tiyin, more than 0. */
  amount: number;
  lang: Language;
  /** Where the provider sends the payer back; absent: the provider's own final page. */
  returnUrl?: string;
}

export interface PaymentLink {
  provider: Provider;
  url: string;
}

const som = (tiyin: number) => `${Math.floor(tiyin / 100)}.${String(tiyin % 100).padStart(2, '0')}`;
const trim = (url: string) => url.replace(/\/+$/, '');

function check(r: CheckoutRequest) {
  if (!isPersonalAccount(r.account)) throw new RangeError(`not a personal account: ${r.account}`);
  if (!Number.isSafeInteger(r.amount) || r.amount <= 0) throw new RangeError('amount must be tiyin > 0');
  // Payme's parameters are ';'-separated: a return URL holding one would be cut there.
  if (r.returnUrl?.includes(';')) throw new RangeError('the return URL must not contain ";"');
}

export function paymeLink(p: PaymeCheckout, r: CheckoutRequest): string {
  check(r);
  const params = [
    `m=${p.merchantId}`,
    `ac.${PAYME_ACCOUNT_FIELD}=${r.account}`,
    `a=${r.amount}`,
    `l=${r.lang}`,
    ...(r.returnUrl ? [`c=${r.returnUrl}`] : []),
  ].join(';');
  return `${trim(p.checkoutUrl)}/${btoa(params)}`;
}

export function clickLink(p: ClickCheckout, r: CheckoutRequest): string {
  check(r);
  const q = new URLSearchParams({
    service_id: p.serviceId,
    merchant_id: p.merchantId,
    amount: som(r.amount),
    transaction_param: r.account,
  });
  if (r.returnUrl) q.set('return_url', r.returnUrl);
  return `${trim(p.checkoutUrl)}?${q}`;
}

/** What a checkout page was asked to take: the inverse of the links above, for the sandbox. */
export interface CheckoutAsked {
  account: string;
  amount: number;
  returnUrl: string | null;
}

/** The Payme link's last path segment, or null when it is not one. */
export function parsePaymeLink(segment: string): CheckoutAsked | null {
  let text: string;
  try {
    text = atob(decodeURIComponent(segment));
  } catch {
    return null;
  }
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at), part.slice(at + 1));
  }
  const account = fields.get(`ac.${PAYME_ACCOUNT_FIELD}`) ?? '';
  const amount = Number(fields.get('a'));
  if (!/^\d{10}$/.test(account) || !Number.isSafeInteger(amount) || amount <= 0) return null;
  return { account, amount, returnUrl: fields.get('c') ?? null };
}

/** A Click link's query, or null when it is not one. */
export function parseClickLink(q: URLSearchParams): CheckoutAsked | null {
  const account = q.get('transaction_param') ?? '';
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(q.get('amount') ?? '');
  if (!/^\d{10}$/.test(account) || !m) return null;
  const amount = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  if (!Number.isSafeInteger(amount) || amount <= 0) return null;
  return { account, amount, returnUrl: q.get('return_url') };
}
