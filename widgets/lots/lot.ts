import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import {
  FINANCING_SOURCES,
  type FinancingSource,
  type ProgrammeLine,
  type ProgrammeView,
} from '../../domain/lots/programme.ts';
import { BUILDING_ELEMENTS, type BuildingElement } from '../../domain/registry/public.ts';
import { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatDate, formatMoney } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { newIdempotencyKey } from '../core/idempotency.ts';
import { LazyPart } from '../core/lazy-part.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { getMe, type MeView } from '../core/me.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { renderRefusal } from '../core/refusal.ts';
import { badgeStyles, baseStyles, cardStyles } from '../core/styles.ts';
import { elementName } from '../registry/public.ts';
import { type ChoiceMessageKey, choiceMessages } from './choice-messages.ts';
import { type ChoiceStep, renderChoice } from './choice-view.ts';
import {
  buildingLot,
  type ChoiceView,
  draftProgramme,
  editLine,
  getChoice,
  getLot,
  type LotView,
  programme,
  returnLot,
  reviseLot,
  submitLot,
  type VersionView,
  versions,
} from './client.ts';
import { type LotsMessageKey, lotsMessages } from './messages.ts';

const FIELD_LABELS: Record<string, LotsMessageKey> = {
  element: 'colElement',
  year: 'colYear',
  estimatedCost: 'colCost',
  source: 'colSource',
  remarks: 'remarksLabel',
};
const CHOICE_FIELD_LABELS: Record<string, ChoiceMessageKey> = {
  tariff: 'tariffLabel',
  programmeCommitment: 'programmeLabel',
  experienceYears: 'experienceLabel',
};

interface Loaded {
  me: MeView;
  /** Null for an owner, who reads the programme only. */
  lot: LotView | null;
  number: number;
  version: number;
  versions: VersionView[];
  /** Null for an organization reading the lot as an applicant. */
  programme: ProgrammeView | null;
  /** The owners' choice as the reader may see it; null where the reader has no part in it. */
  choice: ChoiceView | null;
}

/** What the reader may not see reads as absent; every other failure stays a failure. */
const unlessOutOfScope = <T>(read: Promise<T>): Promise<T | null> =>
  read.catch((error: unknown) => {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  });

/**
 * One lot: its versions with the council's decision and the act's signature, and its five-year
 * programme with totals per year and per source of financing. The council officer drafts the
 * programme from the condition assessments, edits its lines while the version is a draft, submits
 * it; the council returns it, or a council member approves it by reading the act of the decision
 * and signing it here (one step, after a confirmation); an approved lot changes through a new version. Owners (given `building-id`, or any
 * reader the lot's district is not theirs) read the programme only.
 * The owners' choice of the lot's organization (choice-view.ts) shows to all who take part in it:
 * the council opens it and appoints the competition's winner; a management company (given
 * `lot-id`, reading as an applicant) applies with its tariff, withdraws, bids.
 *
 * @element mu-lot
 * @attr lot-id - The lot. @attr building-id - Instead: the lot of this building, as its owners read it.
 * @attr api-base, token, lang - See configure().
 * @csspart header, versions, choice, window, candidates, meeting, competition, protocol, winner,
 *   contracts, apply, bid, programme, totals, act-document, approval-act, status
 */
export class MuLot extends MuElement {
  static override properties: PropertyDeclarations = {
    lotId: { attribute: 'lot-id' },
    buildingId: { attribute: 'building-id' },
    _notice: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _shown: { state: true },
    _approval: { state: true },
  };
  declare lotId: string | undefined;
  declare buildingId: string | undefined;
  declare _notice: string | null;
  declare _error: ApiError | null;
  declare _busy: boolean;
  declare _shown: { version: number; bytes: Uint8Array; sha256: string } | null;
  /** The act of the approval the council member is reading, to sign: the bytes shown are the bytes signed. */
  declare _approval: { lotId: string; version: number; bytes: Uint8Array; sha256: string } | null;

  #data = new KeyedLoader<Loaded>(this, this.reportError);
  // Reading and signing acts (sign.ts, with the document panel), fetched when an act is first read.
  #acts = new LazyPart(this, () => import('./sign.ts'));
  // The choice's steps (choice-steps.ts), fetched when a person first takes one.
  #choiceSteps = new LazyPart(this, () => import('./choice-steps.ts'));

  constructor() {
    super();
    this._notice = null;
    this._error = null;
    this._busy = false;
    this._shown = null;
    this._approval = null;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const lotId = this.lotId?.trim();
    const buildingId = this.buildingId?.trim();
    const key = lotId || buildingId ? JSON.stringify([s.apiBase, s.token, lotId, buildingId]) : undefined;
    this.#data.sync(key, s.token, async (signal) => {
      const o = { ...s, signal };
      const me = await getMe(o);
      const staff = me.roles.some((r) => r === 'council' || r === 'inspector' || r === 'admin');
      if (lotId && staff) {
        const [lot, vs, p, choice] = await Promise.all([
          getLot(lotId, o),
          versions(lotId, o),
          programme(lotId, o),
          unlessOutOfScope(getChoice(lotId, o)),
        ]);
        return {
          me,
          lot,
          number: lot.number,
          version: lot.state.version,
          versions: vs,
          programme: p,
          choice,
        };
      }
      if (lotId && me.roles.includes('management_company')) {
        // An organization reads the programme while it may apply or bid (what its offer commits to);
        // otherwise only its own buildings' lots, by building-id.
        const [choice, p] = await Promise.all([getChoice(lotId, o), unlessOutOfScope(programme(lotId, o))]);
        return { me, lot: null, number: 0, version: choice.version, versions: [], programme: p, choice };
      }
      const owned = buildingId ? await buildingLot(buildingId, o) : null;
      // A building in no lot yet reads as the not-found state, worded as "in no lot".
      if (buildingId && !owned) throw new ApiError({ type: 'about:blank', title: 'Not Found', status: 404 });
      const id = owned?.id ?? lotId!;
      const [p, choice] = await Promise.all([programme(id, o), unlessOutOfScope(getChoice(id, o))]);
      return {
        me,
        lot: null,
        number: owned?.number ?? 0,
        version: p.version,
        versions: [],
        programme: p,
        choice,
      };
    });
  }

  #t = (key: LotsMessageKey, params?: Record<string, string | number>) =>
    translate(lotsMessages, this.settings.lang, key, params);

  #money = (tiyin: number) => formatMoney(this.settings.lang, tiyin / 100);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<section class="card" aria-labelledby="title">
      ${renderLoaded(lang, this.#data, (d) => this.#body(d), { notFound: this.#t('noLot') })}
      ${this._error ? renderRefusal(lang, this._error, (f) => this.#label(f)) : nothing}
      ${this._notice ? html`<p part="status" role="status">${this._notice}</p>` : nothing}
    </section>`;
  }

  #body(d: Loaded): TemplateResult {
    const officer = d.lot !== null && d.me.roles.some((r) => r === 'council' || r === 'admin');
    return html`<header part="header">
        <h2 id="title">${this.#t('lotTitle', { n: d.number || '', v: d.version })}</h2>
        ${
          d.lot
            ? html`<p><span class="badge" data-approval=${d.lot.state.approval}>${this.#t('lotStatus', {
                approval: this.#t(`approval_${d.lot.state.approval}`),
                selection: this.#t(`selection_${d.lot.state.selection}`),
              })}</span></p>
              ${d.lot.state.remarks ? html`<p>${this.#t('remarks', { remarks: d.lot.state.remarks })}</p>` : nothing}
              ${officer ? this.#steps(d, d.lot) : nothing}`
            : html`<p class="muted">${this.#t('ownersNote')}</p>`
        }
      </header>
      ${d.lot ? this.#versions(d) : nothing}
      ${renderChoice(d.choice, {
        element: this,
        lang: this.settings.lang,
        me: d.me,
        officer,
        busy: this._busy,
        take: (step) => void this.#take(d, step),
      })}
      ${d.programme ? this.#programme(d.programme, officer && d.programme.editable) : nothing}`;
  }

  #steps(d: Loaded, lot: LotView): TemplateResult {
    const a = lot.state.approval;
    const b = (label: LotsMessageKey, action: string, run: () => Promise<unknown>, done: string) =>
      html`<button type="button" data-action=${action} ?disabled=${this._busy}
        @click=${() => this.#write(run, done)}>${this.#t(label)}</button>`;
    const id = lot.id;
    const k = () => ({ ...this.settings, idempotencyKey: newIdempotencyKey() });
    return html`<p class="actions">
      ${a === 'draft' || a === 'returned' ? b('submit', 'submit', () => submitLot(id, k()), this.#t('submitted')) : nothing}
      ${
        a === 'submitted'
          ? html`${d.me.roles.includes('council') ? this.#approval(d, lot) : nothing}
            <label>${this.#t('remarksLabel')} <textarea name="remarks" rows="2"></textarea></label>
            ${b('returnLot', 'return', () => returnLot(id, this.#remarks(), k()), this.#t('decided'))}`
          : nothing
      }
      ${
        a === 'approved'
          ? b(
              'revise',
              'revise',
              async () => {
                const l = await reviseLot(id, k());
                this._notice = this.#t('revised', { v: l.state.version });
              },
              '',
            )
          : nothing
      }
    </p>`;
  }

  /**
   * The approval is the council member's signature over the act of the decision: the act is read
   * here first, then signed and the lot approved in one step, after a confirmation.
   */
  #approval(d: Loaded, lot: LotView): TemplateResult {
    const v = lot.state.version;
    const shown = this._approval?.lotId === lot.id && this._approval.version === v ? this._approval : null;
    if (!shown)
      return html`<button type="button" data-action="read-approval-act" ?disabled=${this._busy}
        @click=${() =>
          this.#write(
            async () => {
              this._approval = {
                lotId: lot.id,
                version: v,
                ...(await (await this.#acts.fetch()).readApprovalAct(lot.id, this.settings)),
              };
            },
            '',
            false,
          )}>${this.#t('readApprovalAct')}</button>`;
    const lang = this.settings.lang;
    return html`${this.#acts.render(lang, (m) => m.renderAct('approval-act', lang, shown))}
      <button type="button" data-action="approve" ?disabled=${this._busy} @click=${() => this.#approve(d, shown)}>
        ${this.#t(this._busy ? 'signing' : 'approveBySigning')}</button>`;
  }

  async #approve(d: Loaded, shown: { lotId: string; bytes: Uint8Array; sha256: string }): Promise<void> {
    // Here since the act was read: at once.
    const acts = await this.#acts.fetch();
    if (!acts.canSign()) {
      this._notice = this.#t('cannotSign');
      return;
    }
    const ok = await acts.askConfirmation({
      title: this.#t('approveTitle', { n: d.number }),
      body: this.#t('approveBody'),
      confirm: this.#t('approveBySigning'),
      lang: this.settings.lang,
    });
    if (!ok) return;
    await this.#write(async () => {
      await acts.approveBySigning(shown.lotId, shown, d.me.userId, {
        ...this.settings,
        idempotencyKey: newIdempotencyKey(),
      });
      this._approval = null;
    }, this.#t('decided'));
  }

  /** A refused field's name as the form labels it. */
  #label(field: string): string | undefined {
    const key = FIELD_LABELS[field];
    if (key) return this.#t(key);
    const choice = CHOICE_FIELD_LABELS[field];
    return choice ? translate(choiceMessages, this.settings.lang, choice) : undefined;
  }

  #remarks = () => this.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name=remarks]')?.value ?? '';

  #versions(d: Loaded): TemplateResult {
    const council = d.me.roles.includes('council');
    return html`<section part="versions" aria-labelledby="versions-title">
      <h3 id="versions-title">${this.#t('versionsTitle')}</h3>
      <ul>
        ${d.versions.map(
          (v) => html`<li data-version=${v.version} data-signed=${String(v.signature !== null)}>
            ${this.#t('versionN', { v: v.version })}:
            ${v.approvedAt ? this.#t('approvedOn', { date: formatDate(v.approvedAt) }) : this.#t('notApproved')}
            ${
              v.decisionDocument
                ? html`; ${v.signature ? this.#t('signedBy', { name: v.signature.signerName, date: formatDate(v.signature.signedAt) }) : this.#t('notSigned')}
                  ${this.#act(d, v, council)}`
                : nothing
            }
          </li>`,
        )}
      </ul>
    </section>`;
  }

  #act(d: Loaded, v: VersionView, council: boolean): TemplateResult {
    const shown = this._shown?.version === v.version ? this._shown : null;
    if (!shown)
      return html`<button type="button" class="secondary" data-action="read-act" ?disabled=${this._busy}
        @click=${() => this.#read(d, v)}>${this.#t('readAct', { v: v.version })}</button>`;
    const lang = this.settings.lang;
    return html`${this.#acts.render(lang, (m) => m.renderAct('act-document', lang, shown))}
      ${
        council && !v.signature
          ? html`<button type="button" data-action="sign" ?disabled=${this._busy} @click=${() => this.#sign(d, shown)}>
              ${this.#t(this._busy ? 'signing' : 'signAct')}</button>`
          : nothing
      }`;
  }

  #read(d: Loaded, v: VersionView): Promise<void> {
    return this.#write(
      async () => {
        const { bytes, sha256 } = await (await this.#acts.fetch()).readAct(d.lot!.id, v, this.settings);
        this._shown = { version: v.version, bytes, sha256 };
      },
      '',
      false,
    );
  }

  async #sign(d: Loaded, shown: { version: number; bytes: Uint8Array; sha256: string }): Promise<void> {
    // Here since the act was read: at once.
    const acts = await this.#acts.fetch();
    if (!acts.canSign()) {
      this._notice = this.#t('cannotSign');
      return;
    }
    return this.#write(
      () =>
        acts.signActHere(d.lot!.id, shown.version, shown, d.me.userId, {
          ...this.settings,
          idempotencyKey: newIdempotencyKey(),
        }),
      this.#t('signedOk'),
    );
  }

  #programme(p: ProgrammeView, editing: boolean): TemplateResult {
    const years = Array.from({ length: p.years }, (_, i) => i + 1);
    return html`<section part="programme" aria-labelledby="programme-title">
      <h3 id="programme-title">${this.#t('programmeTitle')}</h3>
      ${
        editing
          ? html`<p><button type="button" data-action="draft-programme" ?disabled=${this._busy}
              @click=${() => this.#write(() => draftProgramme(p.lotId, { ...this.settings, idempotencyKey: newIdempotencyKey() }), this.#t('done'))}>
              ${this.#t('draftProgramme')}</button></p>`
          : nothing
      }
      ${
        p.lines.length === 0
          ? html`<p class="muted">${this.#t('noProgramme')}</p>`
          : html`<div class="scroll"><table>
              <thead><tr>
                <th scope="col">${this.#t('colBuilding')}</th><th scope="col">${this.#t('colElement')}</th>
                <th scope="col">${this.#t('colYear')}</th><th scope="col">${this.#t('colCost')}</th>
                <th scope="col">${this.#t('colSource')}</th>${editing ? html`<td></td>` : nothing}
              </tr></thead>
              <tbody>${p.lines.map((l) => (editing ? this.#editRow(p, l, years) : this.#row(l)))}</tbody>
            </table></div>`
      }
      <div part="totals" class="totals">
        <p><strong>${this.#t('total', { amount: this.#money(p.totals.total) })}</strong></p>
        <h4>${this.#t('totalsByYear')}</h4>
        <ul>${years.map((y) => html`<li data-year=${y}>${this.#t('yearN', { n: y })}: ${this.#money(p.totals.byYear[y - 1] ?? 0)}</li>`)}</ul>
        <h4>${this.#t('totalsBySource')}</h4>
        <ul>${FINANCING_SOURCES.map((s) => html`<li data-source=${s}>${this.#t(`source_${s}`)}: ${this.#money(p.totals.bySource[s])}</li>`)}</ul>
      </div>
    </section>`;
  }

  #row(l: ProgrammeLine): TemplateResult {
    return html`<tr data-line=${l.id}>
      <td>${l.address}</td><td>${elementName(this.settings.lang, l.element)}</td>
      <td>${l.year}</td><td class="num">${this.#money(l.estimatedCost)}</td><td>${this.#t(`source_${l.source}`)}</td>
    </tr>`;
  }

  #editRow(p: ProgrammeView, l: ProgrammeLine, years: number[]): TemplateResult {
    const lang = this.settings.lang;
    return html`<tr data-line=${l.id}>
      <td>${l.address}</td>
      <td><select name="element" aria-label=${this.#t('colElement')}>
        ${BUILDING_ELEMENTS.map((e) => html`<option value=${e} ?selected=${e === l.element}>${elementName(lang, e)}</option>`)}
      </select></td>
      <td><select name="year" aria-label=${this.#t('colYear')}>
        ${years.map((y) => html`<option value=${y} ?selected=${y === l.year}>${y}</option>`)}
      </select></td>
      <td><input name="cost" inputmode="numeric" size="10" aria-label=${this.#t('colCost')}
        .value=${String(Math.round(l.estimatedCost / 100))} /></td>
      <td><select name="source" aria-label=${this.#t('colSource')}>
        ${FINANCING_SOURCES.map((s) => html`<option value=${s} ?selected=${s === l.source}>${this.#t(`source_${s}`)}</option>`)}
      </select></td>
      <td><button type="button" data-action="save-line" ?disabled=${this._busy}
        @click=${(e: Event) => this.#saveLine(p, l, (e.target as HTMLElement).closest('tr')!)}>${this.#t('saveLine')}</button></td>
    </tr>`;
  }

  #saveLine(p: ProgrammeView, l: ProgrammeLine, row: HTMLTableRowElement): Promise<void> {
    const v = (name: string) =>
      row.querySelector<HTMLInputElement | HTMLSelectElement>(`[name=${name}]`)!.value;
    // Soʻm as people write them, sent as tiyin; what is not a whole number goes as written, so the
    // API names the field.
    const som = Number(
      v('cost')
        .replace(/[\s\u00a0]/g, '')
        .replace(',', '.'),
    );
    const edit = {
      element: v('element') as BuildingElement,
      year: Number(v('year')),
      estimatedCost: Number.isFinite(som) ? Math.round(som * 100) : (v('cost') as unknown as number),
      source: v('source') as FinancingSource,
    };
    return this.#write(
      () => editLine(p.lotId, l.id, edit, { ...this.settings, idempotencyKey: newIdempotencyKey() }),
      this.#t('lineSaved'),
    );
  }

  /**
   * One Idempotency-Key per intended write, kept until it succeeds: a retry after a lost answer
   * (or a refusal) with the same content is the same request; changed content is a new one.
   */
  #keys = new Map<string, string>();

  async #take(d: Loaded, step: ChoiceStep): Promise<void> {
    const lotId = d.choice?.lotId ?? d.lot?.id ?? this.lotId ?? '';
    const lang = this.settings.lang;
    let steps: typeof import('./choice-steps.ts');
    try {
      steps = await this.#choiceSteps.fetch();
    } catch (error) {
      this._error = toApiError(error);
      return;
    }
    if (!(await steps.confirmStep(step, lang))) return;
    const intent = JSON.stringify([lotId, step]);
    const idempotencyKey = this.#keys.get(intent) ?? newIdempotencyKey();
    this.#keys.set(intent, idempotencyKey);
    const done = {
      open: 'choiceOpened',
      apply: 'applied',
      withdraw: 'withdrawn',
      bid: 'bidSent',
      appoint: 'appointed',
    } as const;
    await this.#write(
      async () => {
        await steps.sendStep(lotId, step, { ...this.settings, idempotencyKey });
        this.#keys.delete(intent);
      },
      translate(choiceMessages, lang, done[step.kind]),
    );
  }

  async #write(run: () => Promise<unknown>, done: string, reload = true): Promise<void> {
    this._busy = true;
    this._error = null;
    this._notice = null;
    try {
      await run();
      if (done) this._notice = done;
      if (reload) this.#data.reload();
    } catch (error) {
      this._error = toApiError(error);
      this.reportError(this._error);
    } finally {
      this._busy = false;
    }
  }

  static override styles = [
    baseStyles,
    cardStyles,
    badgeStyles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .scroll {
        overflow-x: auto;
        max-width: 100%;
      }
      table {
        border-collapse: collapse;
      }
      th,
      td {
        padding: 0.25rem 0.4rem;
        text-align: left;
        vertical-align: top;
      }
      .num {
        text-align: right;
        white-space: nowrap;
      }
      select,
      input,
      textarea {
        max-width: 100%;
      }
    `,
  ];
}
