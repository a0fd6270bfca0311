// The page a receipt's QR code opens: /pay/<receipt number>?t=<token>. It shows the receipt's
// amount and due date and the configured providers' checkout links (Payme, Click; their local
// sandboxes under `npm start`) for what its personal account owes now, which bring the payer back here, in
// the language asked for (?lang=, else the browser's, else Uzbek). The token printed only on the
// receipt is required, so a receipt number alone shows no one's bill; the page names no owner.
import { Hono } from 'hono';
import { receiptByPayLink } from '../../db/billing/receipt-views.ts';
import type { Provider } from '../../domain/billing/checkout-links.ts';
import { dayName, money, periodName, RECEIPT_WORDS } from '../../domain/billing/receipt-document.ts';
import { escapeHtml as e } from '../../domain/common/html.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { requestLanguage } from '../language.ts';
import type { AppEnv } from '../types.ts';
import { receiptPaymentLinks } from './payment-links.ts';

const PROVIDER_NAMES: Record<Provider, string> = { payme: 'Payme', click: 'Click' };

const page = (lang: Language, title: string, body: string, links: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${e(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;padding:16px;background:#f5f6f8;color:#1d2330}
main{max-width:480px;margin:0 auto;background:#fff;border-radius:8px;padding:20px;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:0 0 12px}dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;margin:16px 0}
dt{color:#5a6270}dd{margin:0;font-weight:600;overflow-wrap:anywhere}.amount{font-size:1.5rem}
nav{margin-top:16px;display:flex;gap:12px}nav a{color:#0b57d0}
.pay{display:flex;flex-direction:column;gap:10px;margin:16px 0}
.pay a{display:block;text-align:center;padding:12px;border-radius:6px;background:#0b57d0;color:#fff;font-weight:600;text-decoration:none}
</style></head><body><main>${body}<nav>${links}</nav></main></body></html>`;

export const payPageRoutes = new Hono<AppEnv>().get('/pay/:number', async (c) => {
  const lang = requestLanguage(c);
  const w = RECEIPT_WORDS[lang];
  const number = c.req.param('number');
  const token = c.req.query('t') ?? '';
  const em = c.var.deps.orm.em.fork();
  const receipt = await receiptByPayLink(em, number, token);
  const links = LANGUAGES.map(
    (l) =>
      `<a href="?t=${encodeURIComponent(token)}&amp;lang=${l}" lang="${l}">${{ uz: 'Oʻzbekcha', ru: 'Русский', en: 'English' }[l]}</a>`,
  ).join('');
  c.header('Cache-Control', 'private, no-store');
  c.header('Referrer-Policy', 'no-referrer');
  if (!receipt) return c.html(page(lang, w.payNotFound, `<h1>${e(w.payNotFound)}</h1>`, links), 404);
  const r = receipt.snapshot.receipt;
  const amount = r.advance > 0 ? `${w.advance}: ${money(lang, r.advance)}` : money(lang, r.toPay);
  // Back here after paying: the page then says nothing more is owed.
  const back = `${c.var.deps.config.publicUrl}/pay/${encodeURIComponent(r.number)}?t=${token}&lang=${lang}`;
  const pay = await receiptPaymentLinks(em, c.var.deps.config.billing, receipt, { lang, returnUrl: back });
  const offer =
    pay.amount === 0
      ? `<p data-field="status">${e(w.payNothing)}</p>`
      : pay.links.length === 0
        ? `<p data-field="status">${e(w.payUnavailable)}</p>`
        : `<div class="pay">${pay.links
            .map(
              (l) =>
                `<a href="${e(l.url)}" data-provider="${l.provider}">${e(w.payWith(PROVIDER_NAMES[l.provider]))} · ${e(money(lang, pay.amount))}</a>`,
            )
            .join('')}</div>`;
  const body = `<h1>${e(w.payTitle)}</h1>
<dl>
<dt>${e(w.number)}</dt><dd data-field="number">${e(r.number)}</dd>
<dt>${e(w.period)}</dt><dd>${e(periodName(lang, r.period))}</dd>
<dt>${e(w.personalAccount)}</dt><dd>${e(r.personalAccount)}</dd>
<dt>${e(w.toPay)}</dt><dd class="amount" data-field="amount">${e(amount)}</dd>
<dt>${e(w.dueDate)}</dt><dd>${e(dayName(r.dueDate))}</dd>
</dl>
${offer}`;
  return c.html(page(lang, w.payTitle, body, links), 200);
});
