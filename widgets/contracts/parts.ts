// The sections of <mu-contract> as render helpers: the terms, the pending document's signatures and
// the timeline. Each takes a translator so the element keeps the language decision in one place.
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { PARTIES } from '../../domain/contracts/lifecycle.ts';
import { formatDateTime, formatDay, formatMoney, formatNumber } from '../core/format.ts';
import { type Translate as CatalogTranslate, labelOf } from '../core/i18n.ts';
import type { ContractView, TimelineEntry } from './client.ts';
import type { ContractMessageKey } from './messages.ts';
import {
  ACTION_TEXT,
  CHANGE_TEXT,
  DETAIL_TEXT,
  PARTY_TEXT,
  PREMISES_TEXT,
  SERVICE_TEXT,
  SIGNATURE_STATUS_TEXT,
  STATE_TEXT,
} from './vocabulary.ts';

export type Translate = CatalogTranslate<ContractMessageKey>;

export function renderParameters(t: Translate, lang: Language, view: ContractView): TemplateResult {
  const p = view.parameters;
  const rows: [string, string][] = [];
  if ('services' in p) {
    rows.push([t('services'), p.services.map((s) => labelOf(t, SERVICE_TEXT, s)).join(', ')]);
    rows.push([t('tariff'), t('tariffValue', { amount: formatMoney(lang, p.tariffUzsPerM2) })]);
  } else {
    const kind = labelOf(t, PREMISES_TEXT, p.premises.kind);
    const area = formatNumber(lang, p.premises.areaM2);
    rows.push([t('premises'), t('premisesValue', { kind, area, description: p.premises.description })]);
    rows.push([t('purpose'), p.purpose]);
    rows.push([t('rent'), p.monthlyRentUzs > 0 ? formatMoney(lang, p.monthlyRentUzs) : t('gratuitous')]);
  }
  rows.push([t('term'), t('termValue', { months: p.termMonths, start: formatDay(p.startDate) })]);
  return html`<dl part="parameters" class="facts">
    ${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}
  </dl>`;
}

export function renderSignatures(
  t: Translate,
  lang: Language,
  view: ContractView,
): TemplateResult | typeof nothing {
  const pending = view.pending;
  if (!pending) return nothing;
  return html`<section part="pending" class="pending" aria-labelledby="pending-title">
    <h3 id="pending-title">${t('pending', { change: t(CHANGE_TEXT[pending.change]) })}</h3>
    <ul part="signatures" class="signatures">
      ${PARTIES.map((party) => {
        const s = pending.signatures.find((x) => x.party === party);
        const name = view.parties[party].name;
        return html`<li part="signature" data-party=${party} data-status=${s?.status ?? 'missing'}>
          <span class="party">${t(PARTY_TEXT[party])}</span> <span class="muted">(${name})</span>:
          ${
            s
              ? html`${t('signedBy', { name: s.signerName })},
                  <span part="signature-status" class="sig ${s.status}">${t(SIGNATURE_STATUS_TEXT[s.status])}</span>,
                  <time datetime=${s.signedAt}>${formatDateTime(lang, s.signedAt)}</time>`
              : html`<span class="muted">${t('notSigned')}</span>`
          }
        </li>`;
      })}
    </ul>
  </section>`;
}

export function renderTimeline(t: Translate, lang: Language, entries: TimelineEntry[]): TemplateResult {
  return html`<section part="timeline" class="timeline" aria-labelledby="timeline-title">
    <h3 id="timeline-title">${t('timeline')}</h3>
    ${
      entries.length === 0
        ? html`<p class="muted">${t('noTimeline')}</p>`
        : html`<ol>
          ${entries.map(
            (e) => html`<li data-action=${e.action} data-to-state=${e.toState}>
              <time datetime=${e.at}>${formatDateTime(lang, e.at)}</time>
              <span class="action">${labelOf(t, ACTION_TEXT, e.action)}</span>
              <span class="muted">(${labelOf(t, STATE_TEXT, e.toState)})</span>
              ${e.actorName ? html`<span class="actor">— ${e.actorName}</span>` : nothing}
              ${e.detail ? html`<div class="detail muted">${labelOf(t, DETAIL_TEXT, e.detail)}</div>` : nothing}
            </li>`,
          )}
        </ol>`
    }
  </section>`;
}
