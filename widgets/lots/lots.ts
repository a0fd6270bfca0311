import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { streetOf } from '../../domain/common/street.ts';
import { checkLots, mergeLots, moveBuilding, splitLot, type Violation } from '../../domain/lots/edits.ts';
import { DEFAULT_LOT_POLICY, type LotPolicy } from '../../domain/lots/policy.ts';
import type { ClassMix, Lot, LotBuilding } from '../../domain/lots/types.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatMoney } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { newIdempotencyKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { renderRefusal } from '../core/refusal.ts';
import { badgeStyles, baseStyles, cardStyles } from '../core/styles.ts';
import {
  type DistrictBuilding,
  districtBuildings,
  type LotView,
  listLots,
  proposeLots,
  saveDrafts,
} from './client.ts';
import { renderMap } from './map-view.ts';
import { type LotsMessageKey, lotsMessages } from './messages.ts';

interface District {
  lots: LotView[];
  buildings: DistrictBuilding[];
  policy: LotPolicy;
}

/**
 * The district's lots (buildings, apartments, condition classes in words, status) and, for its
 * council officer, the proposed partition of the buildings in no lot yet: move a building, merge two
 * lots, split one, with every rule the save applies checked and worded as the officer edits, then
 * saved as draft lots. Choosing a lot tells the page (`mu-lot-open`, detail `{ lotId }`).
 *
 * @element mu-lots
 * @attr district-id - The district. @attr api-base, token, lang - See configure().
 * @fires mu-lot-open @fires mu-error
 * @csspart lots, proposal, proposed-lot, violations, save, status
 */
export class MuLots extends MuElement {
  static override properties: PropertyDeclarations = {
    districtId: { attribute: 'district-id' },
    _draft: { state: true },
    _notice: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };
  declare districtId: string | undefined;
  declare _draft: Lot[] | null;
  declare _notice: string | null;
  declare _error: ApiError | null;
  declare _busy: boolean;

  #district = new KeyedLoader<District>(this, this.reportError);

  constructor() {
    super();
    this._draft = null;
    this._notice = null;
    this._error = null;
    this._busy = false;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.districtId?.trim();
    this.#district.sync(
      id ? JSON.stringify([s.apiBase, s.token, id]) : undefined,
      s.token,
      async (signal) => {
        const o = { ...s, signal };
        const [lots, b] = await Promise.all([listLots(id!, o), districtBuildings(id!, o)]);
        return {
          lots,
          buildings: b.buildings,
          policy: { ...DEFAULT_LOT_POLICY, minApartments: b.minApartments },
        };
      },
    );
  }

  #t = (key: LotsMessageKey, params?: Record<string, string | number>) =>
    translate(lotsMessages, this.settings.lang, key, params);

  #mix = (m: ClassMix) => this.#t('mix', { ...m });

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<section class="card" aria-labelledby="title">
      <h2 id="title">${this.#t('lotsTitle')}</h2>
      ${renderLoaded(
        lang,
        this.#district,
        (d) => html`${this.#lots(d)} ${renderMap(lang, d.lots, d.buildings)} ${this.#proposal(d)}`,
      )}
      ${this._error ? renderRefusal(lang, this._error, () => undefined) : nothing}
      ${this._notice ? html`<p part="status" role="status">${this._notice}</p>` : nothing}
    </section>`;
  }

  #lots(d: District): TemplateResult {
    if (d.lots.length === 0) return html`<p class="muted">${this.#t('noLots')}</p>`;
    return html`<ul part="lots" class="lots">
      ${d.lots.map(
        (l) => html`<li data-lot=${l.id} data-approval=${l.state.approval}>
          <button type="button" class="link" @click=${() => this.emit('mu-lot-open', { lotId: l.id })}
            aria-label=${this.#t('open', { n: l.number })}>${this.#t('lotN', { n: l.number })}</button>
          <span>${this.#t('buildingsN', { count: l.buildingIds.length, apartments: l.apartments })}</span>
          <span class="small">${this.#mix(l.mix)}</span>
          <span class="small" data-programme-cost=${l.programmeCost}>${
            l.programmeCost > 0
              ? this.#t('programmeCost', { amount: formatMoney(this.settings.lang, l.programmeCost / 100) })
              : this.#t('programmeNone')
          }</span>
          <span class="badge">${this.#t(`approval_${l.state.approval}`)}; ${this.#t(`selection_${l.state.selection}`)}</span>
        </li>`,
      )}
    </ul>`;
  }

  /** The free buildings as the rules see them (the street read as the server reads it). */
  #free(d: District): LotBuilding[] {
    return d.buildings
      .filter((b) => b.lotId === null)
      .map((b) => ({
        id: b.id,
        apartments: b.apartments,
        conditionClass: b.conditionClass === 'unassessed' ? null : b.conditionClass,
        point: b.lon === null || b.lat === null ? null : { lon: b.lon, lat: b.lat },
        street: streetOf(b.address) ?? b.address.trim().toLowerCase(),
      }));
  }

  #proposal(d: District): TemplateResult {
    const free = this.#free(d);
    if (!this._draft)
      return html`<p><button type="button" part="propose" ?disabled=${this._busy}
        @click=${() => this.#propose()}>${this.#t('propose')}</button></p>`;
    if (this._draft.length === 0) return html`<p class="muted">${this.#t('proposalNone')}</p>`;
    const checked = checkLots(free, this._draft, d.policy);
    const address = new Map(d.buildings.map((b) => [b.id, b.address]));
    const draft = this._draft;
    return html`<section part="proposal" aria-labelledby="proposal-title">
      <h3 id="proposal-title">${this.#t('proposalTitle')}</h3>
      ${draft.map((lot, i) => {
        const f = checked.lots[i]!;
        return html`<article part="proposed-lot" class="lot" data-index=${i}>
          <h4>${this.#t('lotN', { n: i + 1 })}</h4>
          <p>${this.#t('buildingsN', { count: lot.buildingIds.length, apartments: f.apartments })}<br />
            <span class="small">${this.#mix(f.mix)}</span></p>
          <p class="actions">
            ${
              i + 1 < draft.length
                ? html`<button type="button" class="secondary" data-action="merge"
              @click=${() => this.#edit(mergeLots(draft, i, i + 1))}>${this.#t('mergeNext', { n: i + 2 })}</button>`
                : nothing
            }
            <button type="button" class="secondary" data-action="split" @click=${() => this.#split(free, d.policy, i)}>
              ${this.#t('split')}</button>
          </p>
          <details><summary>${this.#t('colBuildings')}</summary>
            <ul class="buildings">${lot.buildingIds.map(
              (id) => html`<li data-building=${id}>
                <label>${address.get(id) ?? id}
                  <select aria-label=${this.#t('moveBuilding', { address: address.get(id) ?? '' })}
                    @change=${(e: Event) => this.#edit(moveBuilding(draft, id, Number((e.target as HTMLSelectElement).value)))}>
                    ${draft.map((_, j) => html`<option value=${j} ?selected=${j === i}>${this.#t('lotN', { n: j + 1 })}</option>`)}
                  </select></label>
              </li>`,
            )}</ul>
          </details>
        </article>`;
      })}
      <div part="violations" role="status" data-count=${checked.violations.length}>
        ${
          checked.violations.length === 0
            ? html`<p>${this.#t('noViolations')}</p>`
            : html`<ul class="violations">${checked.violations.map((v) => html`<li data-code=${v.code}>${this.#violation(v)}</li>`)}</ul>`
        }
      </div>
      <p><button type="button" part="save" ?disabled=${checked.violations.length > 0 || this._busy}
        @click=${() => this.#save(draft)}>${this.#t('saveDrafts')}</button></p>
    </section>`;
  }

  #violation(v: Violation): string {
    switch (v.code) {
      case 'lot_too_small':
        return this.#t('v_lot_too_small', { n: v.lot + 1, apartments: v.apartments, minimum: v.minimum });
      case 'lot_empty':
        return this.#t('v_lot_empty', { n: v.lot + 1 });
      case 'building_in_two_lots':
        return this.#t('v_building_in_two_lots', { lots: v.lots.map((l) => l + 1).join(', ') });
      case 'building_unknown':
        return this.#t('v_building_unknown', { n: v.lot + 1 });
    }
  }

  #edit(lots: Lot[]): void {
    // A lot emptied by a move goes: the rules forbid empty lots, and nobody means to keep one.
    this._draft = lots.filter((l) => l.buildingIds.length > 0);
    this._notice = null;
  }

  #split(free: LotBuilding[], policy: LotPolicy, at: number): void {
    const r = splitLot(free, this._draft!, at, policy);
    if (r.split) this.#edit(r.lots);
    else this._notice = this.#t('splitNo', { n: at + 1 });
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this._busy = true;
    this._error = null;
    this._notice = null;
    try {
      await work();
    } catch (error) {
      this._error = toApiError(error);
      this.reportError(this._error);
    } finally {
      this._busy = false;
    }
  }

  #propose(): Promise<void> {
    return this.#run(async () => {
      const p = await proposeLots(this.districtId!.trim(), this.settings);
      this._draft = p.lots.map((l) => ({ buildingIds: l.buildingIds }));
    });
  }

  #save(lots: Lot[]): Promise<void> {
    return this.#run(async () => {
      const saved = await saveDrafts(this.districtId!.trim(), lots, {
        ...this.settings,
        idempotencyKey: newIdempotencyKey(),
      });
      this._draft = null;
      this._notice = this.#t('savedDrafts', { count: saved.length });
      this.#district.reload();
    });
  }

  static override styles = [
    baseStyles,
    cardStyles,
    badgeStyles,
    css`
      .lots,
      .buildings,
      .violations {
        padding-left: 1.1rem;
      }
      .lots li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        margin-bottom: 0.5rem;
      }
      .lot {
        border-top: 1px solid var(--mu-color-border, #d6dde6);
        padding-top: 0.5rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      select {
        max-width: 100%;
      }
      .violations li {
        color: var(--mu-color-danger, #a4262c);
      }
      .small {
        font-size: 0.85em;
      }
      [part='map-drawing'] {
        display: block;
        width: 100%;
        max-width: 40rem;
        height: auto;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        padding: 0;
        font-size: 0.85em;
      }
      .legend svg {
        vertical-align: middle;
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
        padding: 0.2rem 0.4rem;
        text-align: left;
      }
      .num {
        text-align: right;
      }
      button.link {
        background: none;
        border: 0;
        padding: 0;
        color: var(--mu-color-link, #0b5fa5);
        text-decoration: underline;
        cursor: pointer;
      }
    `,
  ];
}
