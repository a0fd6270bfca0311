import { describe, expect, it } from 'vitest';
import { clickLink, parseClickLink, parsePaymeLink, paymeLink } from './checkout-links.ts';
import { personalAccountNumber } from './personal-account.ts';

const account = personalAccountNumber(42);
const r = { account, amount: 7_275_050, lang: 'ru' as const, returnUrl: 'https://portal.example/?lang=ru' };

describe('payment links in the providers’ formats', () => {
  it('Payme: the base64 of the ;-separated parameters after the checkout address', () => {
    const url = paymeLink({ checkoutUrl: 'https://checkout.paycom.uz/', merchantId: 'm123' }, r);
    expect(url.startsWith('https://checkout.paycom.uz/')).toBe(true);
    const segment = url.slice('https://checkout.paycom.uz/'.length);
    expect(atob(segment)).toBe(
      `m=m123;ac.personal_account=${account};a=7275050;l=ru;c=https://portal.example/?lang=ru`,
    );
    expect(parsePaymeLink(segment)).toEqual({ account, amount: 7_275_050, returnUrl: r.returnUrl });
  });

  it("Click: the query with the amount in so'm", () => {
    const url = new URL(
      clickLink({ checkoutUrl: 'https://my.click.uz/services/pay', serviceId: '7', merchantId: '9' }, r),
    );
    expect(url.origin + url.pathname).toBe('https://my.click.uz/services/pay');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      service_id: '7',
      merchant_id: '9',
      amount: '72750.50',
      transaction_param: account,
      return_url: r.returnUrl,
    });
    expect(parseClickLink(url.searchParams)).toEqual({ account, amount: 7_275_050, returnUrl: r.returnUrl });
  });

  it('refuses what no provider would take, and reads nothing from a foreign link', () => {
    const p = { checkoutUrl: 'https://c', merchantId: 'm' };
    expect(() => paymeLink(p, { ...r, account: '1234567890' })).toThrow(/personal account/);
    expect(() => paymeLink(p, { ...r, amount: 0 })).toThrow(/amount/);
    expect(() => paymeLink(p, { ...r, returnUrl: 'https://x/;a=1' })).toThrow(/;/);
    expect(parsePaymeLink('not base64!')).toBeNull();
    expect(parsePaymeLink(btoa('m=1;a=5'))).toBeNull();
    expect(parseClickLink(new URLSearchParams({ transaction_param: account, amount: '1.234' }))).toBeNull();
  });
});
