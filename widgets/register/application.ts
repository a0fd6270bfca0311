import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { EVIDENCE_REQUIREMENTS, type EvidenceRequirement } from '../../domain/register/evidence.ts';
import type { TechnicalBaseCategory } from '../../domain/register/policy.ts';
import type { Requirement, RequirementVerdict } from '../../domain/register/requirements.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { filePicker, filePickerStyles } from '../core/file-picker.ts';
import { choosePromptText } from '../core/form-checks.ts';
import { formatDateTime, formatMoney, formatNumber } from '../core/format.ts';
import { labelOf, translate } from '../core/i18n.ts';
import { newIdempotencyKey } from '../core/idempotency.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderCheckFailed, renderRefusal } from '../core/refusal.ts';
import { declaredFileType, fileSizeText } from '../core/stored-file.ts';
import { baseStyles } from '../core/styles.ts';
import { tableScroll, tableScrollStyles } from '../core/table-scroll.ts';
import { PendingWrite } from '../core/write.ts';
import { type ApplicationMessageKey, applicationMessages } from './application-messages.ts';
import {
  attachEvidence,
  checkEvidenceChoice,
  EVIDENCE_ACCEPT,
  type Evidence,
  listEvidence,
  openEvidence,
} from './evidence.ts';
import { factRowStyles } from './styles.ts';
import { verdictReason } from './verdict-reason.ts';

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
 * requirement's verdict with why it failed, and the evidence files under the requirement each
 * proves, each opened with the reader's token, so a decision is never taken on ✓/✗ alone. With
 * `can-attach` (the applicant's own page) it also attaches a file to a requirement.
 *
 * @element mu-register-application
 * @prop application - The application (`GET /register/applications/{id}`), set by the page.
 * @attr can-attach - Offer the applicant the form that attaches an evidence file.
 * @attr lang - See configure().
 * @fires mu-error - The evidence list could not be read or a file not opened.
 * @csspart declared, funds, technical-base, dispatch, dispatch-phone, verdicts, verdict, verdict-reason, evidence,
 *   evidence-file, attach
 */
export class MuRegisterApplication extends MuElement {
  static override properties: PropertyDeclarations = {
    ...MuElement.properties,
    application: { attribute: false },
    canAttach: { type: Boolean, attribute: 'can-attach' },
  };

  declare application: ApplicationView | undefined;
  declare canAttach: boolean;

  #evidence = new KeyedLoader<Evidence[]>(this, this.reportError);
  #attach = new PendingWrite(this);
  #checked: FieldIssue[] = [];
  #requirement = '';
  #file: File | undefined;
  #attachKey = newIdempotencyKey();

  protected override willUpdate(): void {
    const { apiBase, lang, token } = this.settings;
    const id = this.application?.id;
    this.#evidence.sync(id ? JSON.stringify([apiBase, id, token]) : undefined, token, (signal) =>
      listEvidence(id!, { apiBase, lang, token, signal }),
    );
  }

  async #open(file: Evidence): Promise<void> {
    try {
      await openEvidence(file, this.settings);
    } catch (error) {
      this.reportError(error as ApiError);
    }
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    // Before any await: once the event has been dispatched its target is this element, not the form.
    const form = event.currentTarget as HTMLFormElement;
    const a = this.application;
    if (!a) return;
    const file = this.#file;
    const type = file ? declaredFileType(file) : '';
    this.#attach.clear();
    this.#checked = await checkEvidenceChoice(this.#requirement, file, type);
    this.requestUpdate();
    if (this.#checked.length > 0) return;
    const outcome = await this.#attach.run(() =>
      attachEvidence(a.id, this.#requirement as EvidenceRequirement, file!, type, {
        ...this.settings,
        idempotencyKey: this.#attachKey,
      }),
    );
    if (!outcome.ok) return;
    this.#attachKey = newIdempotencyKey();
    this.#file = undefined;
    this.#requirement = '';
    form.reset();
    this.requestUpdate();
    this.#evidence.reload();
    this.emit('mu-evidence-attached', { applicationId: a.id, evidence: outcome.value });
  }

  #label = (field: string): string | undefined =>
    field === 'requirement' ? this.#t('evidenceFor') : field === 'file' ? this.#t('evidenceFile') : undefined;

  #renderFiles(requirement: Requirement): TemplateResult | typeof nothing {
    const files = (this.#evidence.value ?? []).filter((f) => f.requirement === requirement);
    if (files.length === 0) return nothing;
    const lang = this.settings.lang;
    return html`<ul class="files" aria-label=${this.#t('evidence')}>
      ${files.map(
        (f) => html`<li>
          <button type="button" part="evidence-file" class="secondary" data-evidence-id=${f.id}
            @click=${() => this.#open(f)}>${f.filename}</button>
          <span class="muted">(${fileSizeText(lang, f.size)})</span>
        </li>`,
      )}
    </ul>`;
  }

  #renderEvidence(): TemplateResult {
    const t = this.#t;
    const state = this.#evidence.state;
    const files = this.#evidence.value;
    const lang = this.settings.lang;
    return html`<div part="evidence" data-state=${state.kind}>
      ${
        state.kind === 'error'
          ? html`<p class="muted" role="status">${t('evidenceUnavailable')}</p>`
          : files && files.length === 0
            ? html`<p class="muted">${t('noEvidence')}</p>`
            : nothing
      }
      ${
        this.canAttach
          ? html`<form part="attach" class="attach" novalidate @submit=${this.#submit}>
              <label>${t('evidenceFor')}
                <select name="requirement" required
                  @change=${(e: Event) => (this.#requirement = (e.target as HTMLSelectElement).value)}>
                  <option value="">${choosePromptText(lang)}</option>
                  ${EVIDENCE_REQUIREMENTS.map((r) => html`<option value=${r}>${labelOf(t, SAME, r)}</option>`)}
                </select></label>
              <div><label for="file">${t('evidenceFile')}</label>${filePicker(
                lang,
                'file',
                html`<input id="file" type="file" name="file" accept=${EVIDENCE_ACCEPT} required
                  @change=${(e: Event) => {
                    this.#file = (e.target as HTMLInputElement).files?.[0];
                    this.requestUpdate();
                  }} />`,
                this.#file ? [this.#file.name] : [],
              )}</div>
              <button type="submit" ?disabled=${this.#attach.busy}>${t('attach')}</button>
              ${
                this.#checked.length > 0
                  ? renderCheckFailed(lang, this.#checked, this.#label)
                  : this.#attach.error
                    ? renderRefusal(lang, this.#attach.error, this.#label)
                    : nothing
              }
            </form>`
          : nothing
      }
    </div>`;
  }

  /** Why a requirement failed, in the reader's words (never the domain's English reason). */
  #reason(v: RequirementVerdict): TemplateResult | typeof nothing {
    const why = verdictReason(this.#t, this.settings.lang, v, (c) => labelOf(this.#t, SAME, c));
    return why ? html` <span class="muted" part="verdict-reason">(${why})</span>` : nothing;
  }

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
          : tableScroll(
              t('technicalBase'),
              html`<table part="technical-base">
              <thead><tr><th scope="col">${t('category')}</th><th scope="col">${t('description')}</th>
                <th scope="col" class="num">${t('quantity')}</th></tr></thead>
              <tbody>${a.technicalBase.map(
                (i) => html`<tr data-category=${i.category}><td>${labelOf(t, SAME, i.category)}</td>
                  <td>${i.description}</td><td class="num">${formatNumber(lang, i.quantity)}</td></tr>`,
              )}</tbody>
            </table>`,
            )
      }
      <h4>${t('verdicts')}</h4>
      <ul part="verdicts" class="verdicts">
        ${a.verdicts.map(
          (v) => html`<li part="verdict" data-requirement=${v.requirement} data-ok=${String(v.ok)}>
            <span aria-hidden="true">${v.ok ? '✓' : '✗'}</span> ${labelOf(t, SAME, v.requirement)}:
            ${v.ok ? t('met') : t('notMet')}${this.#reason(v)}
            ${this.#renderFiles(v.requirement)}
          </li>`,
        )}
      </ul>
      ${this.#renderEvidence()}
    </section>`;
  }

  static override styles = [
    baseStyles,
    factRowStyles,
    filePickerStyles,
    tableScrollStyles,
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
      /* A heading wraps between words ("Колич-ество" read as two); a table too wide for them scrolls in its box. */
      th {
        overflow-wrap: normal;
      }
      .num {
        text-align: end;
      }
      .verdicts {
        margin: 0;
        padding-inline-start: 1rem;
        list-style: none;
      }
      .files {
        margin: 0.2rem 0 0.4rem;
        padding-inline-start: 1rem;
      }
      .files button {
        overflow-wrap: anywhere;
        text-align: start;
      }
      .attach {
        display: grid;
        gap: 0.4rem;
        margin-top: 0.6rem;
      }
      .attach label {
        display: grid;
        gap: 0.2rem;
      }
      .attach input,
      .attach select {
        max-width: 100%;
      }
    `,
  ];
}
