import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { BUILDING_ELEMENTS, type BuildingElement } from '../../domain/registry/assessment.ts';
import type { ClassificationOutcome } from '../../domain/registry/classification.ts';
import { getJson, sendJson } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatNumber } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { renderRefusal } from '../core/refusal.ts';
import { baseStyles, formStyles } from '../core/styles.ts';
import { PendingWrite } from '../core/write.ts';
import { type AssessmentMessageKey, assessmentMessages } from './assessment-messages.ts';
import type { MuBuildingCondition } from './building-condition.ts';
import { type ConditionMessageKey, conditionMessages } from './condition-messages.ts';
import { elementName } from './public.ts';

interface DefectDraft {
  description: string;
  critical: boolean;
}

/** The part of the classification this element reads. */
interface Classified {
  outcome: ClassificationOutcome;
}

/** The part of the POST answer this element reads. */
interface Recorded {
  assessment: { element: BuildingElement; wearPercent: number };
  classification: Classified;
}

/** What the last recorded assessment did to the class, for the notice. */
interface Outcome {
  element: BuildingElement;
  wear: number;
  from: ClassificationOutcome;
  to: ClassificationOutcome;
}

/**
 * An inspector records one element's assessment (wear and defects, each critical or not) and sees
 * at once what it did: the class before and after, and below it the reasons of the new class
 * (`<mu-building-condition>`). The API checks that the inspector's district holds the building.
 *
 * @element mu-condition-assessment
 * @attr building-id - The building being assessed.
 * @attr without-condition - Leaves the reasons out, where a `<mu-building-card>` beside it shows
 *   them already (refresh the card on `mu-assessment-recorded`).
 * @attr api-base, token, lang - See configure().
 * @fires mu-assessment-recorded - `detail: { buildingId, element, outcome, previousOutcome }`.
 * @csspart form, submit-button, notice, error, condition
 */
export class MuConditionAssessment extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    withoutCondition: { attribute: 'without-condition', type: Boolean },
    _defects: { state: true },
    _invalid: { state: true },
    _outcome: { state: true },
  };

  declare buildingId: string | undefined;
  declare withoutCondition: boolean;
  declare _defects: DefectDraft[];
  declare _invalid: ReadonlySet<string>;
  declare _outcome: Outcome | null;

  #write = new PendingWrite(this);
  #key = new RetryKey();

  constructor() {
    super();
    this._defects = [];
    this._invalid = new Set();
    this._outcome = null;
  }

  #t(key: AssessmentMessageKey, params?: Record<string, string | number>): string {
    return translate(assessmentMessages, this.settings.lang, key, params);
  }

  #c(key: ConditionMessageKey): string {
    return translate(conditionMessages, this.settings.lang, key);
  }

  #label(field: string): string | undefined {
    if (field === 'element') return this.#t('element');
    if (field === 'wearPercent') return this.#t('wear');
    const defect = /^defects\.(\d+)/.exec(field);
    if (defect) return this.#t('defect', { n: Number(defect[1]) + 1 });
    return field === 'defects' ? this.#t('defects') : undefined;
  }

  override render(): TemplateResult {
    const id = this.buildingId?.trim() ?? '';
    const s = this.settings;
    const busy = this.#write.busy;
    const error = this.#write.error;
    const invalid = (name: string) => (this._invalid.has(name) ? 'true' : 'false');
    return html`<form part="form" class="card" novalidate @submit=${this.#submit} @input=${this.#edited}>
        <h3>${this.#t('assessTitle')}</h3>
        <p class="hint">${this.#t('assessHint')}</p>
        <div class="field">
          <label for="element">${this.#t('element')}</label>
          <select id="element" name="element" required aria-invalid=${invalid('element')}
            aria-describedby=${this._invalid.has('element') ? 'element-error' : nothing}>
            <option value="">${this.#t('chooseElement')}</option>
            ${BUILDING_ELEMENTS.map((e) => html`<option value=${e}>${elementName(this.settings.lang, e)}</option>`)}
          </select>
          ${this.#fieldError('element', 'required')}
        </div>
        <div class="field">
          <label for="wear">${this.#t('wear')}</label>
          <input id="wear" name="wearPercent" type="number" inputmode="numeric" min="0" max="100" step="1" required
            aria-invalid=${invalid('wearPercent')} aria-describedby="wear-hint" />
          <p class="hint" id="wear-hint">${this.#t('wearHint')}</p>
          ${this.#fieldError('wearPercent', 'wearRange')}
        </div>
        <fieldset>
          <legend>${this.#t('defects')}</legend>
          ${this._defects.length === 0 ? html`<p class="hint">${this.#t('noDefects')}</p>` : nothing}
          ${this._defects.map((d, i) => this.#renderDefect(d, i))}
          <div class="row">
            <button type="button" class="secondary" @click=${this.#addDefect}>${this.#t('addDefect')}</button>
          </div>
        </fieldset>
        <div class="row">
          <button part="submit-button" type="submit" ?disabled=${busy || !id}>
            ${busy ? this.#t('saving') : this.#t('submit')}
          </button>
        </div>
        ${error ? renderRefusal(s.lang, error, (f) => this.#label(f)) : nothing}
        ${this.#renderOutcome()}
      </form>
      ${
        id && !this.withoutCondition
          ? html`<mu-building-condition
              part="condition"
              building-id=${id}
              heading-level="4"
              lang=${s.lang}
              .apiBase=${s.apiBase}
              .token=${s.token ?? undefined}
            ></mu-building-condition>`
          : nothing
      }`;
  }

  #fieldError(name: string, key: AssessmentMessageKey): TemplateResult | typeof nothing {
    if (!this._invalid.has(name)) return nothing;
    const id = name === 'element' ? 'element-error' : `${name}-error`;
    return html`<p class="field-error" id=${id}>${this.#t(key)}</p>`;
  }

  #renderDefect(d: DefectDraft, i: number): TemplateResult {
    const n = i + 1;
    const name = `defects.${i}.description`;
    const bad = this._invalid.has(name);
    return html`<div class="defect" data-defect=${i}>
      <label for="defect-${i}">${this.#t('defect', { n })}: ${this.#t('description')}</label>
      <textarea id="defect-${i}" rows="2" maxlength="2000" .value=${d.description} aria-invalid=${bad ? 'true' : 'false'}
        @input=${(e: Event) => this.#setDefect(i, { description: (e.target as HTMLTextAreaElement).value })}></textarea>
      ${bad ? html`<p class="field-error">${this.#t('describeDefect')}</p>` : nothing}
      <label class="check">
        <input type="checkbox" .checked=${d.critical}
          @change=${(e: Event) => this.#setDefect(i, { critical: (e.target as HTMLInputElement).checked })} />
        ${this.#t('critical')}
      </label>
      <button type="button" class="secondary" @click=${() => this.#removeDefect(i)}>
        ${this.#t('removeDefect', { n })}
      </button>
    </div>`;
  }

  #renderOutcome(): TemplateResult | typeof nothing {
    const o = this._outcome;
    if (!o) return nothing;
    const lang = this.settings.lang;
    const cls = (c: ClassificationOutcome) => this.#c(`class_${c}`);
    return html`<div part="notice" class="ok" role="status" data-from=${o.from} data-to=${o.to}>
      <p>${this.#t('recorded', { element: elementName(lang, o.element), wear: formatNumber(lang, o.wear) })}</p>
      <p><strong>${o.from === o.to ? this.#t('unchanged', { to: cls(o.to) }) : this.#t('changed', { from: cls(o.from), to: cls(o.to) })}</strong></p>
    </div>`;
  }

  #addDefect(): void {
    this._defects = [...this._defects, { description: '', critical: false }];
  }

  #removeDefect(i: number): void {
    this._defects = this._defects.filter((_, j) => j !== i);
    this._invalid = new Set();
  }

  #setDefect(i: number, change: Partial<DefectDraft>): void {
    this._defects = this._defects.map((d, j) => (j === i ? { ...d, ...change } : d));
  }

  /** A field the user changes is no longer marked, and a stale refusal goes. */
  #edited(): void {
    if (this._invalid.size > 0) this._invalid = new Set();
    if (this.#write.error) this.#write.clear();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const element = String(data.get('element') ?? '');
    const wearText = String(data.get('wearPercent') ?? '').trim();
    const wear = Number(wearText);
    const invalid = new Set<string>();
    if (!element) invalid.add('element');
    // An empty field is not 0: the inspector must say what was found.
    if (wearText === '' || !Number.isInteger(wear) || wear < 0 || wear > 100) invalid.add('wearPercent');
    this._defects.forEach((d, i) => {
      if (d.description.trim() === '') invalid.add(`defects.${i}.description`);
    });
    this._invalid = invalid;
    if (invalid.size > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const id = this.buildingId?.trim() ?? '';
    const body = {
      element,
      wearPercent: wear,
      defects: this._defects.map((d) => ({ description: d.description.trim(), critical: d.critical })),
    };
    const key = this.#key.for(JSON.stringify([id, body]));
    const path = `/api/v1/buildings/${encodeURIComponent(id)}`;
    // The class before, read just now: the answer's history cannot tell whether this assessment
    // or an earlier one moved the class.
    let from: ClassificationOutcome = 'unknown';
    const result = await this.#write.run(async () => {
      from = (await getJson<Classified>(`${path}/classification`, this.settings)).outcome;
      return sendJson<Recorded>('POST', `${path}/assessments`, body, {
        ...this.settings,
        idempotencyKey: key,
      });
    });
    if (!result.ok) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="error"]')?.focus();
      return;
    }
    this.#key.reset();
    const { assessment, classification } = result.value;
    const to = classification.outcome;
    this._outcome = { element: assessment.element, wear: assessment.wearPercent, from, to };
    form.reset();
    this._defects = [];
    this.renderRoot.querySelector<MuBuildingCondition>('mu-building-condition')?.refresh();
    this.emit('mu-assessment-recorded', {
      buildingId: id,
      element: assessment.element,
      outcome: to,
      previousOutcome: from,
    });
  }

  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
      .card {
        display: grid;
        gap: 0.6rem;
        background: var(--mu-color-surface, #fff);
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius, 12px);
        padding: var(--mu-space, 1rem);
        margin-bottom: 0.75rem;
      }
      h3 {
        margin: 0;
        font-size: 1.1rem;
      }
      .defect {
        display: grid;
        gap: 0.3rem;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--mu-color-border, #d6dde6);
      }
      .check {
        display: flex;
        gap: 0.4rem;
        align-items: flex-start;
        font-weight: 400;
      }
      .field-error {
        margin: 0.2rem 0 0;
        color: var(--mu-color-error, #b42318);
        font-size: 0.88rem;
      }
      .ok p {
        margin: 0;
      }
    `,
  ];
}
