import { describe, expect, it } from 'vitest';
import { constantTimeEqual, hexDigestEqual } from './constant-time.ts';
import { parsePaymeRequest, paymeAuthorized } from './payme-request.ts';

const basic = (s: string) => `Basic ${btoa(s)}`;
const rpc = (method: string, params: unknown, id: unknown = 7) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, params });
const code = (body: string) => {
  const r = parsePaymeRequest(body);
  return r.ok ? 0 : r.error.code;
};

describe('Payme authorization', () => {
  it('accepts exactly Paycom and the key', () => {
    expect(paymeAuthorized(basic('Paycom:s3cret'), 's3cret')).toBe(true);
    expect(paymeAuthorized(basic('Paycom:s3cret:x'), 's3cret:x')).toBe(true);
    expect(paymeAuthorized(basic('Paycom:wrong'), 's3cret')).toBe(false);
    expect(paymeAuthorized(basic('paycom:s3cret'), 's3cret')).toBe(false);
    expect(paymeAuthorized(basic(':s3cret'), 's3cret')).toBe(false);
    expect(paymeAuthorized(basic('Paycoms3cret'), 's3cret')).toBe(false);
    expect(paymeAuthorized('Bearer abc', 's3cret')).toBe(false);
    expect(paymeAuthorized('Basic !!!', 's3cret')).toBe(false);
    expect(paymeAuthorized('Basic a', 's3cret')).toBe(false);
    expect(paymeAuthorized(undefined, 's3cret')).toBe(false);
  });

  it('remembers the header of one key only: a changed key refuses the old header, an empty header never passes', () => {
    expect(paymeAuthorized(basic('Paycom:first'), 'first')).toBe(true);
    expect(paymeAuthorized(basic('Paycom:first'), 'second')).toBe(false);
    expect(paymeAuthorized(basic('Paycom:second'), 'second')).toBe(true);
    // The same credentials written with spaces around are still read by decoding.
    expect(paymeAuthorized(`  ${basic('Paycom:second')}  `, 'second')).toBe(true);
    // A key without a Latin-1 header (btoa refuses it) leaves nothing to compare with.
    expect(paymeAuthorized('', 'ключ')).toBe(false);
    expect(paymeAuthorized(undefined, 'ключ')).toBe(false);
  });

  it('a request without the key is −32504 with its id; with it, it is read', () => {
    const body = rpc('CheckTransaction', { id: 'p' }, 9);
    expect(parsePaymeRequest(body, { header: basic('Paycom:wrong'), key: 's3cret' })).toMatchObject({
      ok: false,
      rpcId: 9,
      error: { code: -32504 },
    });
    expect(parsePaymeRequest(body, { header: basic('Paycom:s3cret'), key: 's3cret' }).ok).toBe(true);
    expect(parsePaymeRequest('nope', { header: undefined, key: 's3cret' })).toMatchObject({
      error: { code: -32700 },
    });
  });
});

describe('Payme requests', () => {
  it('−32700 for a body that is not JSON', () => {
    expect(parsePaymeRequest('{"method":')).toEqual({
      ok: false,
      rpcId: null,
      error: {
        code: -32700,
        message: { ru: 'Ошибка разбора JSON', uz: 'JSON tahlilida xato', en: 'Parse error' },
      },
    });
  });

  it('−32600 for a malformed envelope or parameters, keeping the request id', () => {
    expect(code('[]')).toBe(-32600);
    expect(code(JSON.stringify({ id: 1, method: 'CheckTransaction' }))).toBe(-32600);
    expect(parsePaymeRequest(rpc('CheckTransaction', {}, 42))).toMatchObject({
      ok: false,
      rpcId: 42,
      error: { code: -32600 },
    });
    expect(code(rpc('CreateTransaction', { id: 'p', time: 1, amount: '500', account: {} }))).toBe(-32600);
    expect(code(rpc('CreateTransaction', { id: 'p', amount: 500, account: {} }))).toBe(-32600);
    expect(code(rpc('CheckPerformTransaction', { amount: 500, account: { a: [1] } }))).toBe(-32600);
    expect(code(rpc('CancelTransaction', { id: 'p', reason: 6 }))).toBe(-32600);
    expect(code(rpc('GetStatement', { from: 10, to: 5 }))).toBe(-32600);
    expect(code(rpc('ChangePassword', { password: '' }))).toBe(-32600);
  });

  it('−32601 for an unknown method', () => {
    expect(code(rpc('SetFiscalData', {}))).toBe(-32601);
  });

  it('reads every method, account values as strings', () => {
    expect(
      parsePaymeRequest(
        rpc('CheckPerformTransaction', { amount: 500_000, account: { personal_account: 422 } }),
      ),
    ).toEqual({
      ok: true,
      rpcId: 7,
      call: {
        method: 'CheckPerformTransaction',
        params: { amount: 500_000, account: { personal_account: '422' } },
      },
    });
    const ok = [
      rpc('CreateTransaction', { id: 'p', time: 1, amount: 1.5, account: {} }),
      rpc('PerformTransaction', { id: 'p' }),
      rpc('CancelTransaction', { id: 'p', reason: 10 }),
      rpc('CheckTransaction', { id: 'p' }),
      rpc('GetStatement', { from: 1, to: 1 }),
      rpc('ChangePassword', { password: 'new' }),
    ];
    expect(ok.map(code)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('constant-time comparison', () => {
  it('compares whole strings of any length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('compares hex digests ignoring case, refusing non-hex and empty', () => {
    expect(hexDigestEqual('0a1B', '0A1b')).toBe(true);
    expect(hexDigestEqual('0a1b', '0a1c')).toBe(false);
    expect(hexDigestEqual('zz', 'ZZ')).toBe(false);
    expect(hexDigestEqual('', '')).toBe(false);
  });
});
