import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { ClassificationOutcome, ClassificationReason } from '../../domain/registry/classification.ts';
import { getJson } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatNumber } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { coreMessages } from '../core/messages.ts';
import { baseStyles } from '../core/styles.ts';
import { type ConditionMessageKey, conditionMessages } from './condition-messages.ts';
import { elementName } from './public.ts';
import { isQuiet, sectionStyles } from './section-styles.ts';

/** The part of GET /buildings/{id}/classification this element reads. */
interface ClassificationView {
  outcome: ClassificationOutcome;
  reasons: ClassificationReason[];
  averageWear: number | null;
}

const SEVERITY_ICON: Record<ClassificationReason['class'], string> = { red: '✕', yellow: '!', unknown: '?' };

/**
 * Why a building has its condition class: every rule that fired, in plain words, with the
 * average wear. A building without assessments (404 before the API knows it, 403) reads "not
 * assessed yet" instead of an error: the rest of the card stays useful.
 *
 * @element mu-building-condition
 * @attr building-id - Building whose classification to show.
 * @attr heading-level - Level of the section heading (1–6, default 3).
 * @attr api-base, token, lang - See configure().
 *
 * @csspart reasons - The list of reasons (each `li` carries `data-rule` and `data-class`).
 * @csspart average-wear - The average wear line.
 * @csspart empty - "Not assessed yet".
 */
export class MuBuildingCondition extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    headingLevel: { attribute: 'heading-level', type: Number },
  };

  declare buildingId: string | undefined;
  declare headingLevel: number;

  #loader = new KeyedLoader<ClassificationView>(this, (error) => {
    if (!isQuiet(error)) this.reportError(error);
  });

  constructor() {
    super();
    this.headingLevel = 3;
  }

  /** Loads the class again (after an assessment was recorded next to it). */
  refresh(): void {
    this.#loader.reload();
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const key = id ? JSON.stringify([s.apiBase, s.token, s.lang, id]) : undefined;
    this.#loader.sync(key, s.token, (signal) =>
      getJson<ClassificationView>(`/api/v1/buildings/${encodeURIComponent(id ?? '')}/classification`, {
        ...s,
        signal,
      }),
    );
  }

  #t(key: ConditionMessageKey, params?: Record<string, string | number>): string {
    return translate(conditionMessages, this.settings.lang, key, params);
  }

  override render(): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 3));
    const state = this.#loader.state;
    const view = this.#loader.value;
    let body: TemplateResult;
    if (view) body = this.#renderView(view);
    else if (state.kind === 'error' && !isQuiet(state.error)) {
      body = html`<p class="muted" role="alert">${translate(coreMessages, this.settings.lang, 'failed')}
        <button type="button" @click=${() => this.#loader.reload()}>
          ${translate(coreMessages, this.settings.lang, 'retry')}
        </button></p>`;
    } else if (state.kind === 'error') {
      body = html`<p part="empty" class="muted">${this.#t('noClassification')}</p>`;
    } else
      body = html`<p class="muted" aria-busy="true">${translate(coreMessages, this.settings.lang, 'loading')}</p>`;
    return html`<section aria-labelledby="h">
      <div id="h" class="section-title" role="heading" aria-level=${level}>${this.#t('conditionTitle')}</div>
      ${body}
    </section>`;
  }

  #renderView(view: ClassificationView): TemplateResult {
    const lang = this.settings.lang;
    if (view.outcome === 'unknown' && view.reasons.length === 0) {
      return html`<p part="empty" class="muted">${this.#t('noClassification')}</p>`;
    }
    return html`${
      view.averageWear === null
        ? nothing
        : html`<p part="average-wear" class="average">
            ${this.#t('averageWear', { value: formatNumber(lang, view.averageWear) })}
          </p>`
    }
      ${
        view.reasons.length === 0
          ? html`<p class="muted">${this.#t('noReasons')}</p>`
          : html`<p class="muted intro">${this.#t('reasonsIntro')}</p>
              <ul part="reasons" class="reasons">
                ${view.reasons.map(
                  (r) => html`<li data-rule=${r.rule} data-class=${r.class}>
                    <span class="tag ${r.class}"
                      ><span aria-hidden="true">${SEVERITY_ICON[r.class]}</span> ${this.#t(`severity_${r.class}`)}</span
                    >
                    <span class="reason">${this.#describe(r)}</span>
                  </li>`,
                )}
              </ul>`
      }`;
  }

  #describe(r: ClassificationReason): string {
    const lang = this.settings.lang;
    const pct = (n: number) => formatNumber(lang, n);
    switch (r.rule) {
      case 'missing_assessment':
        return this.#t('missing_assessment', { element: elementName(this.settings.lang, r.element) });
      case 'critical_defect':
        return this.#t(r.loadBearing ? 'critical_defect_bearing' : 'critical_defect', {
          element: elementName(this.settings.lang, r.element),
          defects: r.defects.join('; '),
        });
      case 'element_wear':
        return this.#t('element_wear', {
          element: elementName(this.settings.lang, r.element),
          wear: pct(r.wearPercent),
          threshold: pct(r.threshold),
        });
      case 'average_wear':
        return this.#t('average_wear', { wear: pct(r.averageWear), threshold: pct(r.threshold) });
    }
  }

  static override styles = [
    baseStyles,
    sectionStyles,
    css`
      .average {
        margin: 0 0 0.4rem;
        font-weight: 600;
      }
      .intro {
        margin: 0 0 0.3rem;
        font-size: 0.875rem;
      }
      .reasons {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 0.35rem;
      }
      .reasons li {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
      }
      .tag {
        flex: none;
        font-size: 0.75rem;
        font-weight: 600;
        padding: 0.05em 0.5em;
        border-radius: 999px;
        border: 1px solid currentColor;
      }
      .tag.red {
        color: var(--mu-condition-red, #c4261d);
      }
      .tag.yellow {
        color: var(--mu-condition-yellow-strong, #8a5a00);
      }
      .tag.unknown {
        color: var(--mu-color-muted, #5b6675);
      }
    `,
  ];
}
