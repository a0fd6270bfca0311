import { css, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { TechnicalBaseCategory } from '../../domain/register/policy.ts';
import type { Requirement } from '../../domain/register/requirements.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime, formatMoney, formatNumber } from '../core/format.ts';
import { labelOf, translate } from '../core/i18n.ts';
import { baseStyles } from '../core/styles.ts';
import { type ApplicationMessageKey, applicationMessages } from './application-messages.ts';
import { factRowStyles } from './styles.ts';

/**
 * Each requirement and inventory category the domain knows is its own message key. Listed here, not
 * read from a catalog: the texts arrive after the module, in the page's language only.
 */
const SAME: Readonly<Record<Requirement | TechnicalBaseCategory, ApplicationMessageKey>> = {
  identity: 'identity',
  own_funds: 'own_funds',
  technical_base: 'technical_base',
  dispatch_service: 'dispatch_service',
  quarterly_reports: 'quarterly_reports',
  premises: 'premises',
  vehicles: 'vehicles',
  repair_tools: 'repair_tools',
  emergency_equipment: 'emergency_equipment',
  communication: 'communication',
};

/**
 * What an organization declared in its application to the register, for the reviewer who decides
 * on it: its own funds, every item of its technical base, its dispatch service and phone, and each
 * requirement's verdict with why it failed, so a decision is never taken on ✓/✗ alone.
 *
 * @element mu-register-application
 * @prop application - The application (`GET /register/applications/{id}`), set by the page.
 * @attr lang - See configure().
 * @csspart declared, funds, technical-base, dispatch, dispatch-phone, verdicts, verdict
 */
export class MuRegisterApplication extends MuElement {
  static override properties: PropertyDeclarations = {
    ...MuElement.properties,
    application: { attribute: false },
  };

  declare application: ApplicationView | undefined;

  #t = (key: ApplicationMessageKey, params?: Record<string, string | number>): string =>
    translate(applicationMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const a = this.application;
    if (!a) return html``;
    const t = this.#t;
    const lang = this.settings.lang;
    const phone = a.dispatch.phone;
    return html`<section part="declared" aria-label=${t('declared')}>
      <dl class="facts">
        <div><dt>${t('tin')}</dt><dd>${a.tin}</dd></div>
        <div><dt>${t('submitted')}</dt><dd>${formatDateTime(lang, a.submittedAt)}</dd></div>
        <div part="funds"><dt>${t('ownFunds')}</dt><dd data-value=${a.ownFundsUzs}>${formatMoney(lang, a.ownFundsUzs)}</dd></div>
        <div part="dispatch"><dt>${t('dispatch')}</dt>
          <dd>${t('dispatchHours', { hours: formatNumber(lang, a.dispatch.hoursPerDay), days: formatNumber(lang, a.dispatch.daysPerWeek) })}</dd></div>
        <div><dt>${t('dispatchPhone')}</dt>
          <dd part="dispatch-phone">${phone ? html`<a href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a>` : t('noPhone')}</dd></div>
      </dl>
      <h4>${t('technicalBase')}</h4>
      ${
        a.technicalBase.length === 0
          ? html`<p class="muted">${t('noBase')}</p>`
          : html`<div class="scroll"><table part="technical-base">
              <thead><tr><th scope="col">${t('category')}</th><th scope="col">${t('description')}</th>
                <th scope="col" class="num">${t('quantity')}</th></tr></thead>
              <tbody>${a.technicalBase.map(
                (i) => html`<tr data-category=${i.category}><td>${labelOf(t, SAME, i.category)}</td>
                  <td>${i.description}</td><td class="num">${formatNumber(lang, i.quantity)}</td></tr>`,
              )}</tbody>
            </table></div>`
      }
      <h4>${t('verdicts')}</h4>
      <ul part="verdicts" class="verdicts">
        ${a.verdicts.map(
          (v) => html`<li part="verdict" data-requirement=${v.requirement} data-ok=${String(v.ok)}>
            <span aria-hidden="true">${v.ok ? '✓' : '✗'}</span> ${labelOf(t, SAME, v.requirement)}:
            ${v.ok ? t('met') : t('notMet')}${v.reason ? html` <span class="muted">(${v.reason})</span>` : ''}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  static override styles = [
    baseStyles,
    factRowStyles,
    css`
      .facts {
        display: grid;
        gap: 0.2rem;
        margin: 0;
      }
      .facts div {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.5rem;
      }
      h4 {
        margin: 0.7rem 0 0.3rem;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 0.2rem 0.4rem;
        border-bottom: 1px solid var(--mu-color-border, #d6dde6);
        overflow-wrap: anywhere;
      }
      .num {
        text-align: end;
      }
      .verdicts {
        margin: 0;
        padding-inline-start: 1rem;
        list-style: none;
      }
    `,
  ];
}
