import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { REVENUE_KINDS } from '../../domain/billing/public.ts';
import { reportId } from '../../domain/common/links.ts';
import { ACT_PARTIES } from '../../domain/reports/act.ts';
import { WORK_KINDS, type WorkLine } from '../../domain/reports/types.ts';
import { MuElement } from '../core/element.ts';
import { formatDate, formatDay } from '../core/format.ts';
import { newIdempotencyKey } from '../core/idempotency.ts';
import { KeyedLoader } from '../core/loader.ts';
import { openLink } from '../core/navigate.ts';
import { renderLoaded } from '../core/problem-view.ts';
import {
  type ActView,
  buildingReports,
  type ReportVersionView,
  type ReportView,
  report,
  type SummaryView,
} from './client.ts';
import {
  elementLabel,
  KIND_COLOURS,
  kindName,
  money,
  monthName,
  quantity,
  quarterName,
  tr,
} from './format.ts';
import type { ReportsMessageKey } from './messages.ts';
import { canSign, signWorksActHere } from './sign.ts';
import { SPENDING_VIEWBOX, spendingChart, spendingOf } from './spending-chart.ts';
import { reportsStyles } from './styles.ts';

/** The newest quarters an owner is shown at once. */
const QUARTERS_SHOWN = 8;

/**
 * A building's submitted quarterly reports for its owners: per quarter the works of the latest
 * version grouped by kind (element, quantity, cost, date), every version with a correction's
 * reason, the months whose contributions were never charged, and the spending of all quarters as
 * a chart with the same numbers in a table. Per quarter also the summary the system computes
 * (income by kind, payments from the building's account, balance, appeals answered in time), the
 * act of completed works with who signed it (a signer signs it here with the device key), and the
 * photos before and after each work.
 *
 * @element mu-building-reports
 * @attr building-id - The building. @attr api-base, token, lang - See configure().
 * @csspart report, version, work, chart, spending-table, status, error
 */
export class MuBuildingReports extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    signing: { state: true },
    notice: { state: true },
  };
  declare buildingId: string | undefined;
  declare signing: string | undefined;
  declare notice: { act: string; ok: boolean; text: string } | undefined;

  #reports = new KeyedLoader<ReportView[]>(this, this.reportError);

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const key = id ? JSON.stringify([s.apiBase, s.token, id]) : undefined;
    this.#reports.sync(key, s.token, async (signal) => {
      const o = { ...s, signal };
      const list = await buildingReports(id ?? '', o);
      return Promise.all(
        list.items
          .filter((r) => r.status === 'submitted')
          .slice(0, QUARTERS_SHOWN)
          .map((r) => report(id ?? '', r.quarter, o)),
      );
    });
  }

  /** Loads again (after the organization submitted or corrected a report on the same page). */
  refresh(): void {
    this.#reports.reload();
  }

  #t = (key: ReportsMessageKey, params?: Record<string, string | number>) =>
    tr(this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<section class="card" aria-labelledby="title">
      <h2 id="title">${this.#t('reportsTitle')}</h2>
      ${renderLoaded(lang, this.#reports, (reports) =>
        reports.length === 0
          ? html`<p part="status" class="muted">${this.#t('noReports')}</p>`
          : html`${this.#spending(reports)}${reports.map((r) => this.#report(r))}`,
      )}
    </section>`;
  }

  #spending(reports: ReportView[]): TemplateResult {
    const lang = this.settings.lang;
    const rows = reports
      .map((r) => spendingOf(r.quarter, r.versions.at(-1)?.works ?? []))
      .sort((a, b) => a.quarter.localeCompare(b.quarter));
    return html`<h3>${this.#t('spendingTitle')}</h3>
      <ul class="legend" aria-hidden="true">
        ${WORK_KINDS.map(
          (k) =>
            html`<li><span class="swatch" style="background:${KIND_COLOURS[k]}"></span>${kindName(lang, k)}</li>`,
        )}
      </ul>
      <svg part="chart" viewBox=${SPENDING_VIEWBOX} role="img" aria-label=${this.#t('chartLabel')}>
        ${spendingChart(rows, lang)}
      </svg>
      <div class="scroll">
        <table part="spending-table">
          <caption class="visually-hidden">${this.#t('chartLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.#t('colQuarter')}</th>
              ${WORK_KINDS.map((k) => html`<th scope="col" class="num">${kindName(lang, k)}</th>`)}
              <th scope="col" class="num">${this.#t('colTotal')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) => html`<tr data-quarter=${r.quarter}>
                <th scope="row">${quarterName(lang, r.quarter)}</th>
                ${WORK_KINDS.map((k) => html`<td class="num" data-kind=${k}>${money(lang, r.byKind[k])}</td>`)}
                <td class="num" data-column="total">${money(lang, r.total)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  #report(r: ReportView): TemplateResult {
    const lang = this.settings.lang;
    const latest = r.versions.at(-1);
    return html`<article part="report" data-quarter=${r.quarter} aria-labelledby="q-${r.quarter}">
      <h3 id="q-${r.quarter}">${quarterName(lang, r.quarter)}</h3>
      ${openLink(this, lang, 'report', reportId(r.buildingId, r.quarter), quarterName(lang, r.quarter))}
      <p>
        <span class="badge" data-late=${String(r.late === true)}
          >${this.#t(r.late ? 'submittedLate' : 'submittedOnTime')}</span
        >
        ${latest ? html`<span part="total">${this.#t('total', { amount: money(lang, latest.totalCostTiyin) })}</span>` : nothing}
      </p>
      ${
        r.suspension.kept.length > 0
          ? html`<p part="not-charged" class="suspended">
              ${this.#t('notCharged', { months: r.suspension.kept.map(monthName).join(', ') })}
            </p>`
          : nothing
      }
      ${latest ? this.#works(latest) : nothing}
      ${this.#summary(r.quarter, r.summary)}
      ${r.acts.length ? this.#act(r, r.acts.at(-1)!) : nothing}
      <h4>${this.#t('versionsTitle')}</h4>
      <ol class="small">
        ${[...r.versions].reverse().map((v) => this.#version(v))}
      </ol>
      ${latest?.note ? html`<p class="muted">${latest.note}</p>` : nothing}
    </article>`;
  }

  #version(v: ReportVersionView): TemplateResult {
    const date = formatDate(v.submittedAt);
    return html`<li part="version" data-version=${v.version} value=${v.version}>
      <strong>${this.#t('version', { n: v.version })}</strong>:
      ${v.reason === null ? this.#t('firstVersion', { date }) : this.#t('correction', { date, reason: v.reason })}
      ${v.late ? html`(${this.#t('lateNote')})` : nothing} ·
      ${money(this.settings.lang, v.totalCostTiyin)}
    </li>`;
  }

  #works(v: ReportVersionView): TemplateResult {
    const lang = this.settings.lang;
    if (v.works.length === 0) return html`<p class="muted">${this.#t('noWorks')}</p>`;
    return html`${WORK_KINDS.filter((k) => v.works.some((w) => w.kind === k)).map(
      (k) => html`<h4>${kindName(lang, k)}</h4>
        <ul class="works">
          ${v.works
            .filter((w) => w.kind === k)
            .map(
              (w) => html`<li part="work" data-kind=${w.kind} data-element=${w.element}>
                <div>${w.description}</div>
                <div class="facts">
                  <span data-column="element">${elementLabel(lang, w.element)}</span>
                  <span data-column="quantity">${quantity(lang, w.quantityMilli, w.unit)}</span>
                  <span data-column="cost" class="num">${money(lang, w.costTiyin)}</span>
                  <span data-column="date">${formatDay(w.doneOn)}</span>
                </div>
                ${this.#photos(w)}
              </li>`,
            )}
        </ul>`,
    )}`;
  }

  #photos(w: WorkLine): TemplateResult | typeof nothing {
    const photos = w.photos ?? [];
    if (photos.length === 0) return nothing;
    const lang = this.settings.lang;
    return html`<ul class="photos">
      ${photos.map((p) => {
        const stage = this.#t(p.stage === 'before' ? 'stage_before' : 'stage_after');
        return html`<li data-stage=${p.stage}>
          <figure>
            <mu-report-photo
              photo-id=${p.id}
              alt=${this.#t('photoAlt', { stage, work: w.description })}
              api-base=${this.settings.apiBase}
              token=${this.settings.token ?? ''}
              lang=${lang}
            ></mu-report-photo>
            <figcaption class="small">${stage}</figcaption>
          </figure>
        </li>`;
      })}
    </ul>`;
  }

  #summary(quarter: string, s: SummaryView): TemplateResult {
    const lang = this.settings.lang;
    const row = (key: ReportsMessageKey, value: string, name: string) =>
      html`<tr data-row=${name}><th scope="row">${this.#t(key)}</th><td class="num">${value}</td></tr>`;
    return html`<h4>${this.#t('summaryTitle')}</h4>
      <div class="scroll">
        <table part="summary" data-quarter=${quarter}>
          <caption class="visually-hidden">${this.#t('summaryCaption')}</caption>
          <tbody>
            ${REVENUE_KINDS.filter((k) => s.income[k] !== 0).map((k) =>
              row(`income_${k}` as ReportsMessageKey, money(lang, s.income[k]), `income-${k}`),
            )}
            ${row('incomeTotal', money(lang, s.incomeTotal), 'income')}
            ${row('expensesRow', money(lang, s.expenses), 'expenses')}
            ${row('openingRow', money(lang, s.openingBalance), 'opening')}
            ${row('closingRow', money(lang, s.closingBalance), 'closing')}
            ${row('appealsReceived', String(s.appeals.received), 'appeals')}
            ${row('appealsInTime', String(s.appeals.answeredInTime), 'appeals-in-time')}
          </tbody>
        </table>
      </div>
      <h4>${this.#t('paymentsTitle')}</h4>
      ${
        s.spending.length === 0
          ? html`<p class="muted small">${this.#t('noPayments')}</p>`
          : html`<ul part="payments" class="small">
              ${s.spending.map(
                (p) => html`<li data-transfer=${p.transferId}>
                  ${formatDay(p.postedAt.slice(0, 10))} · ${p.reason} ·
                  <span class="num">${money(lang, p.amountTiyin)}</span>
                </li>`,
              )}
            </ul>`
      }`;
  }

  #act(r: ReportView, act: ActView): TemplateResult {
    const busy = this.signing === act.id;
    const notice = this.notice?.act === act.id ? this.notice : undefined;
    return html`<section part="act" class="act" data-version=${act.version} data-complete=${String(act.complete)}>
      <h4>${this.#t('actTitle', { n: act.version })}</h4>
      <p><span class="badge">${this.#t(act.complete ? 'actComplete' : 'actAwaiting')}</span></p>
      <ul class="small">
        ${ACT_PARTIES.map((party) => {
          const s = act.signatures.find((x) => x.party === party);
          return html`<li data-party=${party} data-signed=${String(Boolean(s))}>
            ${this.#t(party === 'organization' ? 'party_organization' : 'party_owners')}:
            ${s ? this.#t('signedByOn', { name: s.signerName, date: formatDate(s.signedAt) }) : this.#t('notSignedYet')}
          </li>`;
        })}
      </ul>
      ${
        !act.mySide
          ? nothing
          : html`<button type="button" part="sign" ?disabled=${busy} @click=${() => this.#sign(r, act)}>
              ${this.#t(busy ? 'signing' : 'signAct')}
            </button>`
      }
      ${notice ? html`<p role="status" class=${notice.ok ? 'muted' : 'suspended'}>${notice.text}</p>` : nothing}
    </section>`;
  }

  /** Signs for whichever side the caller signs for; the API refuses anyone else (shown as a failure). */
  async #sign(r: ReportView, act: ActView): Promise<void> {
    if (!canSign()) {
      this.notice = { act: act.id, ok: false, text: this.#t('cannotSign') };
      return;
    }
    this.signing = act.id;
    try {
      await signWorksActHere(r.buildingId, r.quarter, act, {
        ...this.settings,
        idempotencyKey: newIdempotencyKey(),
      });
      this.notice = { act: act.id, ok: true, text: this.#t('signedOk') };
      this.#reports.reload();
    } catch {
      this.notice = { act: act.id, ok: false, text: this.#t('signFailed') };
    } finally {
      this.signing = undefined;
    }
  }

  static override styles = reportsStyles;
}
