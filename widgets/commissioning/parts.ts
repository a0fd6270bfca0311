// The read-only sections of <mu-commissioning>: the checklist with why each missing condition is
// missing, the acts with who has signed, and the history. The element adds the buttons.
import { html, nothing, type TemplateResult } from 'lit';
import { ACT_PARTIES } from '../../domain/commissioning/act.ts';
import type { Language } from '../../domain/common/language.ts';
import { formatDateTime } from '../core/format.ts';
import { type Translate as CatalogTranslate, labelOf } from '../core/i18n.ts';
import type { Act, CommissioningView, Condition } from './client.ts';
import type { CommissioningMessageKey as Key } from './messages.ts';

export type Translate = CatalogTranslate<Key>;

export const STATE_TEXT: Record<CommissioningView['state'], Key> = {
  applied: 'stateApplied',
  checking: 'stateChecking',
  waiting: 'stateWaiting',
  commissioned: 'stateCommissioned',
  rejected: 'stateRejected',
};
const CONDITION_TEXT: Record<Condition['condition'], Key> = {
  cadastral_passport_issued: 'condPassport',
  shown_in_registry: 'condRegistry',
  solar_panels_transferred: 'condSolar',
  management_organization_engaged: 'condManagement',
};
/** Not recorded, in the words of what is still to happen for that condition. */
const NOT_RECORDED: Record<Condition['condition'], Key> = {
  cadastral_passport_issued: 'whyPassport',
  shown_in_registry: 'whyRegistry',
  solar_panels_transferred: 'whySolar',
  management_organization_engaged: 'whyManagement',
};
export const ACT_TEXT: Record<Act['kind'], Key> = {
  solar_transfer: 'actSolar',
  management_engagement: 'actManagement',
};
export const PARTY_TEXT = {
  developer: 'partyDeveloper',
  management_organization: 'partyOrganization',
} as const;
const ACTION_TEXT: Record<string, Key> = {
  apply: 'actionApply',
  begin_check: 'actionBeginCheck',
  record_condition: 'actionRecord',
  recheck: 'actionRecheck',
  reject: 'actionReject',
  commission: 'actionCommission',
  expire: 'actionExpire',
};

/** A key from a table, or the raw value when the API sent one the table does not know yet. */
/** The header, the facts with the deadline while it runs, and why it was rejected. */
export function renderSummary(
  t: Translate,
  lang: Language,
  v: CommissioningView,
  open: boolean,
): TemplateResult {
  const r = v.rejection;
  return html`<header class="header">
      <div>
        <p class="muted">${t('title')}</p>
        <h2 part="title" class="title">${v.passport?.address ?? v.cadastralNumber}</h2>
      </div>
      <span part="state-badge state-${v.state}" class="badge ${v.state}" data-state=${v.state}
        >${t(STATE_TEXT[v.state])}</span
      >
    </header>
    <dl part="facts" class="facts">
      <div><dt>${t('cadastralNumber')}</dt><dd>${v.cadastralNumber}</dd></div>
      <div><dt>${t('developer')}</dt><dd>${v.developer.name} (${v.developer.tin})</dd></div>
      <div><dt>${t('appliedAt')}</dt><dd>${formatDateTime(lang, v.appliedAt)}</dd></div>
      ${v.dueAt && open ? html`<div data-due><dt>${t('dueAt')}</dt><dd>${formatDateTime(lang, v.dueAt)}</dd></div>` : nothing}
    </dl>
    ${
      r
        ? html`<p part="rejection" class="error" role="note">
            ${r.reasons.length ? t('rejected', { reasons: r.reasons.join('; ') }) : t('lapsed')}
          </p>`
        : nothing
    }`;
}

function why(t: Translate, c: Condition): string {
  if (c.because === 'observed_not_met') return t('whyObserved');
  if (c.because === 'organization_not_registered') return t('whyUnregistered');
  return t(NOT_RECORDED[c.condition]);
}

export function renderChecklist(t: Translate, lang: Language, v: CommissioningView): TemplateResult {
  return html`<section part="checklist" aria-labelledby="checklist-title">
    <h3 id="checklist-title">${t('conditions')}</h3>
    <ul class="checklist">
      ${v.conditions.map((c) => {
        const e = c.evidence;
        return html`<li part="condition condition-${c.met ? 'met' : 'missing'}" data-condition=${c.condition}
          data-met=${String(c.met)}>
          <span class="mark ${c.met ? 'ok' : 'no'}" aria-hidden="true">${c.met ? '✓' : '✗'}</span>
          <span class="name">${t(CONDITION_TEXT[c.condition])}</span>:
          <span class="verdict">${c.met ? t('met') : t('missing')}</span>
          ${c.met ? nothing : html`<div class="why">${why(t, c)}${c.detail ? ` ${c.detail}` : ''}</div>`}
          ${
            e
              ? html`<div class="evidence muted">
                  ${t('evidence', { document: e.documentId })}${
                    e.signedByTins.length ? `, ${t('signedByTins', { tins: e.signedByTins.join(', ') })}` : ''
                  }${e.recordedAt ? `, ${t('recordedAt', { at: formatDateTime(lang, e.recordedAt) })}` : ''}
                </div>`
              : nothing
          }
        </li>`;
      })}
    </ul>
  </section>`;
}

/**
 * Who has signed an act, party by party; `button` is the sign button for the caller's party, and
 * `reading` the act's own text with the control that shows it.
 */
export function renderAct(
  t: Translate,
  lang: Language,
  v: CommissioningView,
  act: Act,
  button: (party: keyof typeof PARTY_TEXT) => TemplateResult | typeof nothing,
  reading: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  return html`<li part="act" data-act-id=${act.id} data-kind=${act.kind}>
    <div class="act-title">${t(ACT_TEXT[act.kind])}</div>
    <ul class="signatures">
      ${ACT_PARTIES.map((party) => {
        const s = act.signatures.find((x) => x.party === party);
        const name = party === 'developer' ? v.developer.name : act.organization.name;
        return html`<li part="signature" data-party=${party} data-signed=${String(Boolean(s))}>
          <span class="party">${t(PARTY_TEXT[party])}</span> <span class="muted">(${name})</span>:
          ${
            s
              ? html`${t('signedBy', { name: s.signerName })},
                  <time datetime=${s.signedAt}>${formatDateTime(lang, s.signedAt)}</time>`
              : html`<span class="muted">${t('notSigned')}</span> ${button(party)}`
          }
        </li>`;
      })}
    </ul>
    ${reading}
  </li>`;
}

export function renderTimeline(t: Translate, lang: Language, v: CommissioningView): TemplateResult {
  return html`<section part="timeline" class="timeline" aria-labelledby="timeline-title">
    <h3 id="timeline-title">${t('timeline')}</h3>
    ${
      v.history.length === 0
        ? html`<p class="muted">${t('noTimeline')}</p>`
        : html`<ol>
          ${v.history.map(
            (e) => html`<li data-action=${e.action} data-to-state=${e.toState}>
              <time datetime=${e.at}>${formatDateTime(lang, e.at)}</time>
              <span class="action">${labelOf(t, ACTION_TEXT, e.action)}</span>
              <span class="muted">(${labelOf(t, STATE_TEXT, e.toState)})</span>
            </li>`,
          )}
        </ol>`
    }
  </section>`;
}
