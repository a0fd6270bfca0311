// The owners' choice as <mu-lot> draws it (lot.ts keeps the loading and the writes): the window,
// the candidates and their tariffs once the API shows them, the lot's meeting, the competition and
// its protocol, the organization and its contracts, and the one step each role may take now.
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { formatDateTime, formatNumber, formatRate } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import type { MeView } from '../core/me.ts';
import { openLink } from '../core/navigate.ts';
import { type ChoiceMessageKey, choiceMessages } from './choice-messages.ts';
import type { BidInput, ChoiceView } from './client.ts';

export type ChoiceStep =
  | { kind: 'open' }
  | { kind: 'apply'; tariff: number }
  | { kind: 'withdraw' }
  | { kind: 'bid'; bid: BidInput }
  | { kind: 'appoint'; organizationId: string; name: string };

export interface ChoiceHost {
  element: HTMLElement;
  lang: Language;
  me: MeView;
  /** The council of the lot's district (or an admin), who opens the choice and appoints. */
  officer: boolean;
  busy: boolean;
  take(step: ChoiceStep): void;
}

/** Soʻm as people write them ("12 500,5"), in tiyin; NaN for what is not a number. */
export function somToTiyin(written: string): number {
  const som = Number(written.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return written.trim() === '' || !Number.isFinite(som) ? Number.NaN : Math.round(som * 100);
}

export function renderChoice(c: ChoiceView | null, h: ChoiceHost): TemplateResult {
  const t = (key: ChoiceMessageKey, params?: Record<string, string | number>) =>
    translate(choiceMessages, h.lang, key, params);
  const tariff = (tiyin: number) => t('tariffPerM2', { amount: formatRate(h.lang, tiyin / 100) });
  const nameOf = (id: string, rank: number) =>
    c?.candidates.find((x) => x.organizationId === id)?.organizationName ?? t('bidderN', { n: rank });
  const company = h.me.roles.includes('management_company') && h.me.organizationId !== null;
  const field = (name: string) =>
    h.element.shadowRoot?.querySelector<HTMLInputElement>(`[part~="choice"] input[name=${name}]`)?.value ??
    '';
  const button = (action: string, label: string, step: () => ChoiceStep) =>
    html`<button type="button" data-action=${action} ?disabled=${h.busy} @click=${() => h.take(step())}>${label}</button>`;

  if (!c || c.selection === 'not_started')
    return html`<section part="choice" aria-labelledby="choice-title" data-selection="not_started">
      <h3 id="choice-title">${t('choiceTitle')}</h3>
      <p class="muted">${t('choiceNotStarted')}</p>
      ${h.officer && c?.approval === 'approved' ? html`<p>${button('open-choice', t('openChoice'), () => ({ kind: 'open' }))}</p>` : nothing}
    </section>`;

  const own = c.candidates.find((x) => x.organizationId === h.me.organizationId);
  const ownBid = c.bids.find((b) => b.organizationId === h.me.organizationId);
  const winner = c.protocol?.find((r) => r.rank === 1);
  const sealed = c.selection === 'applications';
  return html`<section part="choice" aria-labelledby="choice-title" data-selection=${c.selection}>
    <h3 id="choice-title">${t('choiceTitle')}</h3>
    ${sealed && c.applicationsCloseAt ? html`<p part="window">${t('windowOpenUntil', { date: formatDateTime(h.lang, c.applicationsCloseAt) })}</p>` : nothing}
    ${
      sealed && c.candidates.length < c.candidateCount
        ? html`<p class="muted">${t('candidatesSealed', { n: c.candidateCount })}</p>`
        : nothing
    }
    ${
      c.candidates.length > 0 || !sealed
        ? html`<h4>${t('candidatesTitle')}</h4>
          ${
            c.candidates.length === 0
              ? html`<p class="muted">${t('noCandidates')}</p>`
              : html`<ul part="candidates">${c.candidates.map(
                  (x) =>
                    html`<li data-organization=${x.organizationId}>${x.organizationName}: ${tariff(x.tariff)}</li>`,
                )}</ul>`
          }`
        : nothing
    }
    ${
      c.meetingId
        ? html`<p part="meeting">${t('meetingLine')} ${openLink(h.element, h.lang, 'meeting', c.meetingId, t('meetingWhat'))}</p>`
        : nothing
    }
    ${
      c.competition
        ? html`<p part="competition">${c.competitionReason ? `${t(`reason_${c.competitionReason}` as ChoiceMessageKey)} ` : ''}${t(
            'competitionLine',
            { date: formatDateTime(h.lang, c.competition.closesAt) },
          )}</p>
          ${!c.protocol && c.bids.length < c.bidCount ? html`<p class="muted">${t('bidsSealed', { n: c.bidCount })}</p>` : nothing}`
        : nothing
    }
    ${
      c.protocol
        ? html`<h4>${t('protocolTitle')}</h4>
          <ol part="protocol">${c.protocol.map(
            (r) =>
              html`<li data-organization=${r.organizationId} data-rank=${r.rank}>${t('protocolRow', {
                rank: r.rank,
                name: nameOf(r.organizationId, r.rank),
                tariff: tariff(r.tariff),
                points: formatNumber(h.lang, r.points.total),
              })}</li>`,
          )}</ol>`
        : nothing
    }
    ${c.organizationId ? html`<p part="winner"><strong>${t('winner', { name: nameOf(c.organizationId, 1) })}</strong></p>` : nothing}
    ${
      c.contractIds.length > 0
        ? html`<h4>${t('contractsTitle')}</h4>
          <ul part="contracts">${c.contractIds.map(
            (id, i) =>
              html`<li>${t('contractN', { n: i + 1 })} ${openLink(h.element, h.lang, 'contract', id, t('contractWhat', { n: i + 1 }))}</li>`,
          )}</ul>`
        : nothing
    }
    ${
      company && sealed
        ? html`<div class="actions" part="apply">
            ${own ? html`<p>${t('yourOffer', { amount: tariff(own.tariff) })}</p>` : nothing}
            <label>${t('tariffLabel')} <input name="tariff" inputmode="decimal" size="8" /></label>
            ${button('apply', t('apply'), () => ({ kind: 'apply', tariff: somToTiyin(field('tariff')) }))}
            ${own ? button('withdraw', t('withdraw'), () => ({ kind: 'withdraw' })) : nothing}
          </div>`
        : nothing
    }
    ${
      company && c.selection === 'competition' && !c.protocol
        ? html`<div class="actions" part="bid">
            ${ownBid ? html`<p>${t('yourBid', { amount: tariff(ownBid.tariff) })}</p>` : nothing}
            <label>${t('tariffLabel')} <input name="bid-tariff" inputmode="decimal" size="8" /></label>
            <label>${t('programmeLabel')} <input name="bid-programme" inputmode="decimal" size="10" /></label>
            <label>${t('experienceLabel')} <input name="bid-experience" inputmode="numeric" size="4" /></label>
            ${button('bid', t('bid'), () => ({
              kind: 'bid',
              bid: {
                tariff: somToTiyin(field('bid-tariff')),
                programmeCommitment: somToTiyin(field('bid-programme')),
                experienceYears: Number(field('bid-experience').trim() || Number.NaN),
              },
            }))}
          </div>`
        : nothing
    }
    ${
      h.officer && c.selection === 'competition' && winner && !c.organizationId
        ? html`<p class="actions">${button(
            'appoint',
            t('appoint', { name: nameOf(winner.organizationId, 1) }),
            () => ({
              kind: 'appoint',
              organizationId: winner.organizationId,
              name: nameOf(winner.organizationId, 1),
            }),
          )}</p>`
        : nothing
    }
  </section>`;
}
