// The language a request is answered in, for what a person reads (CSV exports, pages): `?lang=`
// when given, else the first of Accept-Language (which the widgets send), else Uzbek, the state
// language (docs/domain/identities.md).
import type { Context } from 'hono';
import { LANGUAGES, type Language } from '../domain/common/language.ts';

export function languageOf(query: string | undefined, accept: string | undefined): Language {
  if ((LANGUAGES as readonly string[]).includes(query ?? '')) return query as Language;
  const first = accept?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(first ?? '') ? (first as Language) : 'uz';
}

export const requestLanguage = (c: Context): Language =>
  languageOf(c.req.query('lang'), c.req.header('accept-language'));
