// The two work queues under <mu-building-account>, each in a section the reader opens: the bank
// payments still to assign to an apartment (<mu-unmatched-payments>) and the accounting violations
// (<mu-billing-violations>). Fetched with their elements when the first of them is opened
// (core/lazy-part.ts), so the statement and the debts come without them.
import { html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import './billing-violations.ts';
import './unmatched-payments.ts';

export type Queue = 'unmatched' | 'violations';

/** The queue's element for the building, with the account's language and credentials. */
export const renderQueue = (
  queue: Queue,
  o: { id: string; lang: Language; apiBase: string | undefined; token: string | undefined },
): TemplateResult =>
  queue === 'unmatched'
    ? html`<mu-unmatched-payments building-id=${o.id} lang=${o.lang} .apiBase=${o.apiBase} .token=${o.token}></mu-unmatched-payments>`
    : html`<mu-billing-violations building-id=${o.id} lang=${o.lang} .apiBase=${o.apiBase} .token=${o.token}></mu-billing-violations>`;
