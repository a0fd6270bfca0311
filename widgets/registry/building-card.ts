import {
  css,
  html,
  nothing,
  type PropertyDeclarations,
  type SVGTemplateResult,
  svg,
  type TemplateResult,
} from 'lit';
import type { RegisterStatus } from '../../domain/common/register-status.ts';
import type { BuildingView, ConditionClass } from '../../domain/registry/types.ts';
import { type ApiError, getJson } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatNumber } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { coreMessages } from '../core/messages.ts';
import { isRetryable, problemText } from '../core/problem-view.ts';
import { baseStyles, cardHeaderStyles, cardStyles } from '../core/styles.ts';
import type { MuBuildingCondition } from './building-condition.ts';
import { type RegistryMessageKey, registryMessages } from './messages.ts';

type Condition = ConditionClass | 'none';

const CONDITION_TEXT: Record<Condition, RegistryMessageKey> = {
  green: 'conditionGreen',
  yellow: 'conditionYellow',
  red: 'conditionRed',
  none: 'conditionNone',
};

const REGISTER_TEXT: Record<RegisterStatus, RegistryMessageKey> = {
  applicant: 'registerApplicant',
  registered: 'registerRegistered',
  suspended: 'registerSuspended',
  removed: 'registerRemoved',
};

// A distinct shape per class, so the badge reads without colour and without the text too.
const CONDITION_ICON: Record<Condition, SVGTemplateResult> = {
  green: svg`<path d="M3.5 8.5l3 3 6-7" />`,
  yellow: svg`<path d="M8 3.5v5.5M8 12v.5" />`,
  red: svg`<path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />`,
  none: svg`<path d="M4 8h8" />`,
};

/**
 * Passport of one apartment building from the registry (Turar-Joy data): address, cadastral
 * number, size, district, management organization and the green / yellow / red condition class.
 *
 * @element mu-building-card
 * @attr building-id - Building to show; changing it loads the new one.
 * @attr heading-level - Level of the address heading in the host page's outline (1–6, default 2).
 * @attr api-base - Origin serving `/api/v1`; defaults to configure(), then the script's origin.
 * @attr token - Bearer token; defaults to configure(). Prefer configure(): attributes are visible.
 * @attr lang - `uz`, `ru` or `en`; defaults to configure(), then `<html lang>`, then `uz`.
 *
 * @fires mu-building-loaded - `detail: { building }` after each successful load.
 * @fires mu-error - `detail: { problem }` (application/problem+json; status 0 = network) on failure.
 *
 * @cssprop --mu-font-family - Font of the card.
 * @cssprop --mu-color-text - Main text colour.
 * @cssprop --mu-color-muted - Labels and secondary text.
 * @cssprop --mu-color-surface - Card background.
 * @cssprop --mu-color-border - Card border.
 * @cssprop --mu-color-accent - Buttons.
 * @cssprop --mu-color-focus - Focus ring.
 * @cssprop --mu-color-error - Error text and border.
 * @cssprop --mu-radius - Card corner radius.
 * @cssprop --mu-space - Card padding.
 * @cssprop --mu-shadow - Card shadow.
 * @cssprop --mu-condition-green - Badge background for class green (`--mu-condition-green-text` for its text).
 * @cssprop --mu-condition-yellow - Badge background for class yellow (`--mu-condition-yellow-text`).
 * @cssprop --mu-condition-red - Badge background for class red (`--mu-condition-red-text`).
 * @cssprop --mu-condition-none - Badge background when not assessed (`--mu-condition-none-text`).
 *
 * @csspart card - The outer box, in every state.
 * @csspart header - Kind, address and badge.
 * @csspart title - The address heading.
 * @csspart badge - The condition class badge (also `badge-green`, `badge-yellow`, `badge-red`, `badge-none`).
 * @csspart details - The list of facts.
 * @csspart label - Each fact's name.
 * @csspart value - Each fact's value.
 * @csspart register-status - The management organization's register status.
 * @csspart status - Loading and empty states.
 * @csspart error - Error state.
 * @csspart retry-button - Retry after a network or server error.
 * @csspart condition - The `<mu-building-condition>` section: the reasons for the class.
 * @csspart consumption - The `<mu-building-consumption>` section: the monthly consumption chart.
 */
export class MuBuildingCard extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    headingLevel: { attribute: 'heading-level', type: Number },
  };

  declare buildingId: string | undefined;
  declare headingLevel: number;

  readonly #loader = new KeyedLoader<BuildingView>(this, (error) =>
    this.emit('mu-error', { problem: error.problem }),
  );

  constructor() {
    super();
    this.headingLevel = 2;
  }

  // Every input of the request (id, token, language, API) is part of the key: whichever changes,
  // the card loads again. The old facts stay on screen while the same building reloads (a new
  // language), which avoids a flash of "Loading…".
  /** Loads the building and its condition again (after an assessment changed its class). */
  refresh(): void {
    this.#loader.reload();
    this.renderRoot.querySelector<MuBuildingCondition>('mu-building-condition')?.refresh();
  }

  protected override willUpdate(): void {
    const settings = this.settings;
    const id = this.buildingId?.trim();
    const key = id ? JSON.stringify([settings.apiBase, settings.token, settings.lang, id]) : undefined;
    const sameBuilding = this.#loader.value?.id === id;
    this.#loader.sync(
      key,
      settings.token,
      async (signal) => {
        const building = await getJson<BuildingView>(`/api/v1/buildings/${encodeURIComponent(id!)}`, {
          ...settings,
          signal,
        });
        if (!signal.aborted) this.emit('mu-building-loaded', { building });
        return building;
      },
      sameBuilding,
    );
  }

  #t(key: RegistryMessageKey, params?: Record<string, string | number>): string {
    return translate(registryMessages, this.settings.lang, key, params);
  }

  override render(): TemplateResult {
    const state = this.#loader.state;
    if (state.kind === 'idle') {
      return html`<div part="card status" class="card status muted">${this.#t('noBuilding')}</div>`;
    }
    if (state.kind === 'error') return this.#renderError(state.error);
    const building = this.#loader.value;
    if (!building) {
      return html`<div part="card status" class="card status muted" role="status" aria-busy="true">
        <span class="spinner" aria-hidden="true"></span>${translate(coreMessages, this.settings.lang, 'loading')}
      </div>`;
    }
    return this.#renderBuilding(building, state.kind === 'loading');
  }

  #renderError(error: ApiError): TemplateResult {
    const lang = this.settings.lang;
    const message = problemText(lang, error, {
      forbidden: this.#t('buildingForbidden'),
      notFound: this.#t('buildingNotFound'),
    });
    return html`<div part="card error" class="card error" role="alert">
      <p>${message}</p>
      ${
        isRetryable(error.status)
          ? html`<button type="button" part="retry-button" @click=${() => this.#loader.reload()}>
              ${translate(coreMessages, lang, 'retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderBuilding(b: BuildingView, busy: boolean): TemplateResult {
    const lang = this.settings.lang;
    const count = (n: number) => formatNumber(lang, n, 0);
    const area = (n: number) => `${formatNumber(lang, n)}\u00a0${this.#t('squareMetres')}`;
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2));
    return html`<article part="card" class="card" aria-labelledby="title" aria-busy=${busy ? 'true' : 'false'}>
      <header part="header" class="header">
        <div>
          <p class="kind muted">${this.#t('kind')}</p>
          <div id="title" part="title" class="title" role="heading" aria-level=${level}>${b.address}</div>
        </div>
        ${this.#renderBadge(b.conditionClass ?? 'none')}
      </header>
      <dl part="details" class="details">
        ${this.#fact('cadastralNumber', b.cadastralNumber)} ${this.#fact('yearBuilt', String(b.yearBuilt))}
        ${this.#fact('floors', count(b.floors))} ${this.#fact('entrances', count(b.entrances))}
        ${this.#fact('totalArea', area(b.totalArea))} ${this.#fact('livingArea', area(b.livingArea))}
        ${this.#fact('apartments', count(b.apartmentCount))} ${this.#fact('district', b.district.name)}
        ${this.#fact('managementOrganization', this.#renderOrganization(b), 'wide')}
      </dl>
      ${this.#renderSections(b.id, level)}
    </article>`;
  }

  // Parts of their own, so a failing or empty section never hides the passport above it; they get
  // the card's resolved settings, since their own fallbacks would miss the card's attributes.
  #renderSections(id: string, level: number): TemplateResult {
    const s = this.settings;
    const sub = Math.min(6, level + 1);
    return html`<mu-building-condition
        part="condition"
        building-id=${id}
        heading-level=${sub}
        lang=${s.lang}
        .apiBase=${s.apiBase}
        .token=${s.token ?? undefined}
      ></mu-building-condition>
      <mu-building-consumption
        part="consumption"
        building-id=${id}
        heading-level=${sub}
        lang=${s.lang}
        .apiBase=${s.apiBase}
        .token=${s.token ?? undefined}
      ></mu-building-consumption>`;
  }

  #fact(key: RegistryMessageKey, value: string | TemplateResult, variant = ''): TemplateResult {
    return html`<div class="fact ${variant}" data-fact=${key}>
      <dt part="label">${this.#t(key)}</dt>
      <dd part="value">${value}</dd>
    </div>`;
  }

  #renderBadge(condition: Condition): TemplateResult {
    const text = this.#t(CONDITION_TEXT[condition]);
    // role=img makes the label one announcement; the visible text stays identical to it.
    return html`<span
      part="badge badge-${condition}"
      class="badge ${condition}"
      role="img"
      aria-label=${this.#t('conditionLabel', { value: text })}
      data-condition=${condition}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">${CONDITION_ICON[condition]}</svg>${text}
    </span>`;
  }

  #renderOrganization(b: BuildingView): TemplateResult | string {
    const org = b.managementOrganization;
    if (!org) return this.#t('notAssigned');
    const status = this.#t(REGISTER_TEXT[org.registerStatus]);
    return html`<span class="org-name">${org.name}</span>
      <span class="muted org-tin">${this.#t('tin')} ${org.tin}</span>
      <span
        part="register-status"
        class="register ${org.registerStatus}"
        data-register-status=${org.registerStatus}
        >${status}</span
      >`;
  }

  static override styles = [
    baseStyles,
    cardStyles,
    cardHeaderStyles,
    css`
      .card {
        position: relative;
      }
      .card[aria-busy='true'] {
        opacity: 0.65;
      }
      .status {
        display: flex;
        align-items: center;
        gap: 0.6em;
      }
      .spinner {
        width: 1em;
        height: 1em;
        border-radius: 50%;
        border: 2px solid currentColor;
        border-right-color: transparent;
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(1turn);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation: none;
        }
      }
      .error {
        border-color: var(--mu-color-error, #b42318);
        color: var(--mu-color-error, #b42318);
        background: var(--mu-color-error-surface, #fef3f2);
      }
      .error p {
        margin: 0 0 0.5em;
      }
      .error p:last-child {
        margin: 0;
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        padding: 0.3em 0.8em 0.3em 0.55em;
        border-radius: 999px;
        /* Transparent borders become visible in forced-colours mode, where backgrounds vanish. */
        border: 1px solid transparent;
        font-size: 0.875rem;
        font-weight: 600;
        white-space: nowrap;
      }
      .badge svg {
        width: 1.1em;
        height: 1.1em;
        fill: none;
        stroke: currentColor;
        stroke-width: 2.2;
        stroke-linecap: round;
        stroke-linejoin: round;
      }
      .badge.green {
        background: var(--mu-condition-green, #1a7f37);
        color: var(--mu-condition-green-text, #fff);
      }
      .badge.yellow {
        background: var(--mu-condition-yellow, #f5c518);
        color: var(--mu-condition-yellow-text, #1f1a00);
      }
      .badge.red {
        background: var(--mu-condition-red, #c4261d);
        color: var(--mu-condition-red-text, #fff);
      }
      .badge.none {
        background: var(--mu-condition-none, #e4e8ee);
        color: var(--mu-condition-none-text, #36414f);
      }
      .details {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.9rem 1.25rem;
        margin: 0;
      }
      .fact.wide {
        grid-column: 1 / -1;
      }
      dt {
        font-size: 0.8rem;
        color: var(--mu-color-muted, #5b6675);
      }
      dd {
        margin: 0.1rem 0 0;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
      .org-tin {
        font-weight: 400;
        margin-inline: 0.4em;
      }
      .register {
        display: inline-block;
        padding: 0.05em 0.55em;
        border-radius: 999px;
        border: 1px solid currentColor;
        font-size: 0.8rem;
        font-weight: 500;
      }
      .register.registered {
        color: var(--mu-register-ok, #1a7f37);
      }
      .register.applicant {
        color: var(--mu-color-muted, #5b6675);
      }
      .register.suspended {
        color: var(--mu-register-warning, #8a5a00);
      }
      .register.removed {
        color: var(--mu-register-danger, #b42318);
      }
    `,
  ];
}
