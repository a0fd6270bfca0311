// Reading a Payme Merchant API call: Basic authorization, the JSON-RPC envelope and each method's
// parameters, each failure mapped to the error code Payme expects (the HTTP status is always 200).
import { constantTimeEqual } from './constant-time.ts';
import { isCancelReason, type PaymeCancelReason, type PaymeError, paymeError } from './payme-codes.ts';

/** The field of `account` that carries our personal account number (set in the Payme cabinet). */
export const PAYME_ACCOUNT_FIELD = 'personal_account';

export type PaymeAccount = Record<string, string>;

export type PaymeCall =
  | { method: 'CheckPerformTransaction'; params: { amount: number; account: PaymeAccount } }
  | {
      method: 'CreateTransaction';
      params: { id: string; time: number; amount: number; account: PaymeAccount };
    }
  | { method: 'PerformTransaction'; params: { id: string } }
  | { method: 'CancelTransaction'; params: { id: string; reason: PaymeCancelReason } }
  | { method: 'CheckTransaction'; params: { id: string } }
  | { method: 'GetStatement'; params: { from: number; to: number } }
  | { method: 'ChangePassword'; params: { password: string } };
export type PaymeMethod = PaymeCall['method'];

export const PAYME_METHODS: readonly PaymeMethod[] = [
  'CheckPerformTransaction',
  'CreateTransaction',
  'PerformTransaction',
  'CancelTransaction',
  'CheckTransaction',
  'GetStatement',
  'ChangePassword',
];

/** The one merchant key's header as Payme writes it, made once (the key comes from the configuration). */
let expected: { key: string; header: string } | undefined;
function expectedHeader(key: string): string {
  if (expected?.key !== key) {
    let header = '';
    try {
      header = `Basic ${btoa(`Paycom:${key}`)}`;
    } catch {
      // A key outside Latin-1 has no such header: the decoding path below decides.
    }
    expected = { key, header };
  }
  return expected.header;
}

/**
 * `Authorization: Basic base64("Paycom:<key>")`, the key compared in constant time. A missing or
 * malformed header is simply not authorized (−32504).
 */
export function paymeAuthorized(header: string | undefined, key: string): boolean {
  // Every call Payme makes carries the same header: compared whole, without decoding it again.
  const basic = expectedHeader(key);
  if (basic !== '' && header !== undefined && constantTimeEqual(header, basic)) return true;
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header?.trim() ?? '');
  if (!m) return false;
  let decoded: string;
  try {
    decoded = atob(m[1]!);
  } catch {
    return false;
  }
  const colon = decoded.indexOf(':');
  // Both halves are always compared, so a wrong login takes as long as a wrong key.
  const login = constantTimeEqual(decoded.slice(0, Math.max(colon, 0)), 'Paycom');
  const password = constantTimeEqual(decoded.slice(colon + 1), key);
  return colon > 0 && login && password;
}

export type ParsedPaymeRequest =
  | { ok: true; rpcId: unknown; call: PaymeCall }
  | { ok: false; rpcId: unknown; error: PaymeError };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const isMs = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Payme sends account values as strings, sometimes as numbers; both are read as strings. */
function readAccount(v: unknown): PaymeAccount | null {
  if (!isObject(v)) return null;
  const out: PaymeAccount = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' && Number.isFinite(x)) out[k] = String(x);
    else return null;
  }
  return out;
}

function readParams(method: PaymeMethod, p: Record<string, unknown>): PaymeCall | null {
  // An amount of the wrong type is a malformed request; a number that is not a valid amount is
  // −31001, decided with the transaction's rules.
  const amount = typeof p.amount === 'number' ? p.amount : null;
  switch (method) {
    case 'CheckPerformTransaction': {
      const account = readAccount(p.account);
      return amount !== null && account ? { method, params: { amount, account } } : null;
    }
    case 'CreateTransaction': {
      const account = readAccount(p.account);
      return amount !== null && account && isId(p.id) && isMs(p.time)
        ? { method, params: { id: p.id, time: p.time, amount, account } }
        : null;
    }
    case 'PerformTransaction':
    case 'CheckTransaction':
      return isId(p.id) ? { method, params: { id: p.id } } : null;
    case 'CancelTransaction':
      return isId(p.id) && isCancelReason(p.reason)
        ? { method, params: { id: p.id, reason: p.reason } }
        : null;
    case 'GetStatement':
      return isMs(p.from) && isMs(p.to) && p.from <= p.to
        ? { method, params: { from: p.from, to: p.to } }
        : null;
    case 'ChangePassword':
      return typeof p.password === 'string' && p.password.length > 0
        ? { method, params: { password: p.password } }
        : null;
  }
}

/**
 * A request body, or the error to answer with the request's id (null when unreadable). With
 * `auth`, the Authorization header is checked once the id is known, so even −32504 carries it.
 */
export function parsePaymeRequest(
  body: string,
  auth?: { header: string | undefined; key: string },
): ParsedPaymeRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, rpcId: null, error: paymeError(-32700) };
  }
  const rpcId = isObject(json) ? (json.id ?? null) : null;
  if (auth && !paymeAuthorized(auth.header, auth.key)) return { ok: false, rpcId, error: paymeError(-32504) };
  if (!isObject(json)) return { ok: false, rpcId: null, error: paymeError(-32600) };
  if (typeof json.method !== 'string' || !isObject(json.params))
    return { ok: false, rpcId, error: paymeError(-32600) };
  if (!(PAYME_METHODS as readonly string[]).includes(json.method))
    return { ok: false, rpcId, error: paymeError(-32601) };
  const call = readParams(json.method as PaymeMethod, json.params);
  return call ? { ok: true, rpcId, call } : { ok: false, rpcId, error: paymeError(-32600) };
}
