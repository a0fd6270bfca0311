// The page a debt claim's link opens: /court-claims/<id>/acknowledge?t=<token>. It says what the
// claim is (its number, who sent it, what is owed, the day to pay by) and offers a button; only
// the button's POST records the acknowledgement, so a mail scanner that follows links confirms
// nothing. The token printed only in the letter is required, and the page names no owner.
import { Hono } from 'hono';
import {
  acknowledgeClaim,
  type ClaimForOwner,
  claimByAcknowledgeLink,
} from '../../db/billing/court-delivery.ts';
import { ACKNOWLEDGE_WORDS } from '../../domain/billing/court-letter.ts';
import { tashkentStamp } from '../../domain/billing/court-package.ts';
import { dayName, money } from '../../domain/billing/receipt-document.ts';
import { escapeHtml as e } from '../../domain/common/html.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import type { AppEnv } from '../types.ts';

const page = (lang: Language, title: string, body: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${e(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;padding:16px;background:#f5f6f8;color:#1d2330}
main{max-width:480px;margin:0 auto;background:#fff;border-radius:8px;padding:20px;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:0 0 12px}dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;margin:16px 0}
dt{color:#5a6270}dd{margin:0;font-weight:600;overflow-wrap:anywhere}
button{font:inherit;padding:10px 16px;border:0;border-radius:6px;background:#0b57d0;color:#fff;width:100%}
</style></head><body><main>${body}</main></body></html>`;

function langOf(q: string | undefined, claim: ClaimForOwner | null): Language {
  if ((LANGUAGES as readonly string[]).includes(q ?? '')) return q as Language;
  return claim?.language ?? 'uz';
}

function claimPage(lang: Language, claim: ClaimForOwner, token: string): string {
  const w = ACKNOWLEDGE_WORDS[lang];
  const facts = `<p>${e(w.what(claim.number, claim.organizationName, dayName(claim.asOf)))}</p>
<dl>
<dt>${e(w.owed)}</dt><dd data-field="owed">${e(money(lang, claim.owed))}</dd>
<dt>${e(w.answerBy)}</dt><dd>${e(dayName(claim.answerBy))}</dd>
</dl>`;
  const action = claim.acknowledgedAt
    ? `<p data-field="acknowledged">${e(w.confirmed(tashkentStamp(claim.acknowledgedAt)))}</p>`
    : `<form method="post"><input type="hidden" name="t" value="${e(token)}"><input type="hidden" name="lang" value="${lang}"><button type="submit">${e(w.confirm)}</button></form>`;
  return page(lang, w.title, `<h1>${e(w.title)}</h1>${facts}${action}`);
}

const headers = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' };

export const courtAcknowledgePageRoutes = new Hono<AppEnv>()
  .get('/court-claims/:id/acknowledge', async (c) => {
    const token = c.req.query('t') ?? '';
    const claim = await claimByAcknowledgeLink(c.var.deps.orm.em.fork(), c.req.param('id'), token);
    const lang = langOf(c.req.query('lang'), claim);
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    if (!claim) {
      const w = ACKNOWLEDGE_WORDS[lang];
      return c.html(page(lang, w.notFound, `<h1>${e(w.notFound)}</h1>`), 404);
    }
    return c.html(claimPage(lang, claim, token), 200);
  })
  .post('/court-claims/:id/acknowledge', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.t === 'string' ? form.t : '';
    const claim = await acknowledgeClaim(c.var.deps.orm.em.fork(), c.req.param('id'), token);
    const lang = langOf(typeof form.lang === 'string' ? form.lang : undefined, claim);
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    if (!claim) {
      const w = ACKNOWLEDGE_WORDS[lang];
      return c.html(page(lang, w.notFound, `<h1>${e(w.notFound)}</h1>`), 404);
    }
    return c.html(claimPage(lang, claim, token), 200);
  });
