import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import {
  type PhotoStage,
  REPORT_ELEMENTS,
  type ReportContent,
  WORK_KINDS,
  type WorkLine,
  type WorkPhoto,
} from '../../domain/reports/types.ts';
import { MuElement } from '../core/element.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { filePicker, filePickerStyles } from '../core/file-picker.ts';
import { checkFields, choosePromptText } from '../core/form-checks.ts';
import { formatDate } from '../core/format.ts';
import { newIdempotencyKey, RetryKey } from '../core/idempotency.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { problemFields, refusalText } from '../core/refusal.ts';
import { PendingWrite } from '../core/write.ts';
import {
  buildingReports,
  correctReport,
  type ReportView,
  report,
  saveDraft,
  submitReport,
  uploadPhoto,
} from './client.ts';
import { elementLabel, kindName, quarterName, tr } from './format.ts';
import type { ReportsMessageKey } from './messages.ts';
import { reportsStyles } from './styles.ts';

/** A work line as typed: soʻm and units as the person writes them, converted only when sent. */
interface Row {
  kind: string;
  element: string;
  description: string;
  quantity: string;
  unit: string;
  cost: string;
  doneOn: string;
  /** Uploaded already; kept through drafts and corrections. */
  photos: WorkPhoto[];
}

// No silent defaults: a new line's kind and element stay on the prompt until the person chooses.
const emptyRow = (): Row => ({
  kind: '',
  element: '',
  description: '',
  quantity: '',
  unit: '',
  cost: '',
  doneOn: '',
  photos: [],
});

const decimal = (s: string): number =>
  s.trim() === '' ? Number.NaN : Number(s.trim().replace(/\s/g, '').replace(',', '.'));

/** A number the person typed, scaled; left as typed when it is not one, so the API names the field. */
function scaled(s: string, by: number): number | string {
  const n = decimal(s);
  return Number.isFinite(n) ? Math.round(n * by) : s;
}

const rowOf = (w: WorkLine): Row => ({
  kind: w.kind,
  element: w.element,
  description: w.description,
  quantity: String(w.quantityMilli / 1000),
  unit: w.unit,
  cost: String(w.costTiyin / 100),
  doneOn: w.doneOn,
  photos: w.photos ?? [],
});

/**
 * What the API would refuse in the lines and the reason, found before sending: each field named
 * as a refusal would name it, so the person reads the same words under the same field either way.
 */
function checkRows(rows: readonly Row[], reason: string | null): FieldIssue[] {
  const issues = rows.flatMap((r, i) => {
    const f = (name: string) => `works.${i}.${name}`;
    return checkFields([
      [f('kind'), r.kind, { required: 'choose' }],
      [f('element'), r.element, { required: 'choose' }],
      [f('description'), r.description, { required: true }],
      [f('quantityMilli'), r.quantity, { required: true, number: { decimal: true, min: 0.001 } }],
      [f('unit'), r.unit, { required: true }],
      [f('costTiyin'), r.cost, { required: true, number: { decimal: true, min: 0 } }],
      [f('doneOn'), r.doneOn, { required: true }],
    ]);
  });
  if (reason !== null) issues.push(...checkFields([['reason', reason, { required: true }]]));
  return issues;
}

/** Which message a refused field gets: the API's own words are English and technical. */
const FIELD_MESSAGES: Record<string, ReportsMessageKey> = {
  doneOn: 'err_doneOn',
  costTiyin: 'err_costTiyin',
  quantityMilli: 'err_quantityMilli',
  description: 'err_description',
  unit: 'err_unit',
  kind: 'err_choose',
  element: 'err_choose',
  reason: 'err_reason',
  note: 'err_note',
  works: 'err_works',
  'path.quarter': 'err_quarter',
  status: 'err_state',
};

/**
 * The organization's quarterly report for one building: work lines (kind, the registry's element,
 * what was done, quantity and unit, cost in soʻm — sent in tiyin — and date), a draft saved any
 * number of times, the submission, and after it corrections with a reason. Every write carries an
 * Idempotency-Key; a refusal is shown next to each field it names, in the reader's language.
 *
 * @element mu-report-editor
 * @attr building-id - The building. @attr quarter - 'YYYY-Qn'.
 * @attr api-base, token, lang - See configure().
 * @fires mu-report-saved - detail.report (the report as the API answered).
 * @csspart form, work, add-work, save-button, submit-button, correct-button, done, error, field-error
 */
export class MuReportEditor extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    quarter: {},
    _rows: { state: true },
    _photoError: { state: true },
    _note: { state: true },
    _reason: { state: true },
    _done: { state: true },
    _checked: { state: true },
  };
  declare buildingId: string | undefined;
  declare quarter: string | undefined;
  declare _rows: Row[];
  declare _photoError: string | undefined;
  declare _note: string;
  declare _reason: string;
  declare _done: string;
  /** What the checks before sending found; cleared by the next attempt. */
  declare _checked: FieldIssue[];

  /** The stored report, or null before the first draft (the building's list says whether there is one). */
  #report = new KeyedLoader<{ stored: ReportView | null }>(this, this.reportError);
  #write = new PendingWrite(this);
  #keys = { draft: new RetryKey(), submit: new RetryKey(), correct: new RetryKey() };
  #filledFrom: { stored: ReportView | null } | undefined;

  constructor() {
    super();
    this._rows = [emptyRow()];
    this._note = '';
    this._reason = '';
    this._done = '';
    this._checked = [];
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const q = this.quarter?.trim();
    const key = id && q ? JSON.stringify([s.apiBase, s.token, id, q]) : undefined;
    this.#report.sync(key, s.token, async (signal) => {
      // Asked through the list, not by reading the quarter and taking a 404 for "none yet": a
      // portal logs every 404 as an error.
      const list = await buildingReports(id ?? '', { ...s, signal });
      if (!list.items.some((r) => r.quarter === q)) return { stored: null };
      return { stored: await report(id ?? '', q ?? '', { ...s, signal }) };
    });
    const loaded = this.#report.state.kind === 'ready' ? this.#report.value : undefined;
    if (loaded && loaded !== this.#filledFrom) this.#fill(loaded);
  }

  /** The form starts from the draft, or from the latest version when correcting. */
  #fill(loaded: { stored: ReportView | null }): void {
    this.#filledFrom = loaded;
    const r = loaded.stored;
    const content =
      r?.draft ??
      (r?.versions.at(-1) ? { works: r.versions.at(-1)!.works, note: r.versions.at(-1)!.note } : null);
    this._rows = content && content.works.length > 0 ? content.works.map(rowOf) : [emptyRow()];
    this._note = content?.note ?? '';
  }

  #t = (key: ReportsMessageKey, params?: Record<string, string | number>) =>
    tr(this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const quarter = this.quarter ?? '';
    return html`<section class="card" aria-labelledby="title">
      <h2 id="title">${this.#t('editorTitle', { quarter: quarterName(lang, quarter) })}</h2>
      ${renderLoaded(lang, this.#report, (r) => this.#form(r.stored))}
    </section>`;
  }

  #form(r: ReportView | null): TemplateResult {
    const submitted = r?.status === 'submitted';
    const busy = this.#write.busy;
    const errors =
      this._checked.length > 0
        ? new Map(this._checked.map((i) => [i.field, i.code ?? '']))
        : this.#write.error
          ? problemFields(this.#write.error)
          : new Map<string, string>();
    return html`
      ${r ? html`<p class="muted">${this.#t('deadline', { date: formatDate(r.deadlineAt) })}</p>` : nothing}
      ${submitted ? html`<p part="submitted-note">${this.#t('submittedNote', { n: r.versions.length })}</p>` : nothing}
      ${this.#refusal(errors)}
      <form part="form" novalidate @submit=${(e: Event) => e.preventDefault()}>
        ${this._rows.map((row, i) => this.#work(row, i, errors))}
        ${this._photoError ? html`<p part="photo-error" role="alert" class="suspended">${this._photoError}</p>` : nothing}
        <p>
          <button part="add-work" type="button" class="secondary" @click=${() => {
            this._rows = [...this._rows, emptyRow()];
          }}>${this.#t('addWork')}</button>
        </p>
        ${this.#field(
          'note',
          this.#t('fieldNote'),
          errors,
          html`<textarea id="note" rows="2" .value=${this._note}
          aria-invalid=${errors.has('note') ? 'true' : 'false'}
          @input=${(e: Event) => {
            this._note = (e.target as HTMLTextAreaElement).value;
          }}></textarea>`,
        )}
        ${
          submitted
            ? html`${this.#field(
                'reason',
                this.#t('fieldReason'),
                errors,
                html`<textarea id="reason" rows="2" .value=${this._reason}
                aria-invalid=${errors.has('reason') ? 'true' : 'false'}
                @input=${(e: Event) => {
                  this._reason = (e.target as HTMLTextAreaElement).value;
                }}></textarea>`,
              )}
              <p><button part="correct-button" type="button" ?disabled=${busy} @click=${this.#correct}>
                ${busy ? this.#t('saving') : this.#t('fileCorrection')}</button></p>`
            : html`<p class="actions">
                <button part="save-button" type="button" class="secondary" ?disabled=${busy} @click=${this.#saveDraft}>
                  ${busy ? this.#t('saving') : this.#t('saveDraft')}</button>
                <button part="submit-button" type="button" ?disabled=${busy} @click=${this.#submit}>
                  ${this.#t('submit')}</button>
              </p>`
        }
      </form>
      ${this._done ? html`<p part="done" class="ok" role="status">${this._done}</p>` : nothing}
    `;
  }

  /** The alert above the form; the fields it names carry their own message too. */
  #refusal(errors: Map<string, string>): TemplateResult | typeof nothing {
    if (this._checked.length > 0)
      return html`<div part="error" class="error" role="alert" tabindex="-1" data-status="check"><p>${this.#t('err_fields')}</p></div>`;
    const error = this.#write.error;
    if (!error) return nothing;
    const lang = this.settings.lang;
    const general = [...errors.keys()].find((f) => f === 'path.quarter' || f === 'status');
    const text = general
      ? this.#t(FIELD_MESSAGES[general]!)
      : errors.size > 0
        ? this.#t('err_fields')
        : refusalText(lang, error);
    return html`<div part="error" class="error" role="alert" tabindex="-1" data-status=${error.status}><p>${text}</p></div>`;
  }

  #field(name: string, label: string, errors: Map<string, string>, control: TemplateResult): TemplateResult {
    const id = name.replaceAll('.', '-');
    const last = name.split('.').at(-1) ?? name;
    const message = errors.has(name) ? this.#t(FIELD_MESSAGES[last] ?? 'err_fields') : '';
    return html`<div class="field" data-field=${name}>
      <label for=${id}>${label}</label>
      ${control}
      ${message ? html`<p part="field-error" class="field-error" id="${id}-error" data-field=${name}>${message}</p>` : nothing}
    </div>`;
  }

  #work(row: Row, i: number, errors: Map<string, string>): TemplateResult {
    const lang = this.settings.lang;
    const f = (name: keyof WorkLine) => `works.${i}.${name}`;
    const set = (key: keyof Row) => (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      this._rows = this._rows.map((r, j) => (j === i ? { ...r, [key]: value } : r));
    };
    const input = (name: keyof WorkLine, key: keyof Row, type = 'text', mode = '') =>
      html`<input id=${f(name).replaceAll('.', '-')} name=${f(name)} type=${type} inputmode=${mode || 'text'}
        .value=${row[key]} aria-invalid=${errors.has(f(name)) ? 'true' : 'false'}
        aria-describedby=${errors.has(f(name)) ? `${f(name).replaceAll('.', '-')}-error` : nothing} @input=${set(key)} />`;
    return html`<fieldset part="work" data-index=${i}>
      <legend>${this.#t('work', { n: i + 1 })}</legend>
      ${this.#field(
        f('kind'),
        this.#t('fieldKind'),
        errors,
        html`<select id=${f('kind').replaceAll('.', '-')} name=${f('kind')} @change=${set('kind')}
          aria-invalid=${errors.has(f('kind')) ? 'true' : 'false'}>
        <option value="" ?selected=${row.kind === ''}>${choosePromptText(lang)}</option>
        ${WORK_KINDS.map((k) => html`<option value=${k} ?selected=${row.kind === k}>${kindName(lang, k)}</option>`)}
      </select>`,
      )}
      ${this.#field(
        f('element'),
        this.#t('fieldElement'),
        errors,
        html`<select id=${f('element').replaceAll('.', '-')} name=${f('element')} @change=${set('element')}
          aria-invalid=${errors.has(f('element')) ? 'true' : 'false'}>
        <option value="" ?selected=${row.element === ''}>${choosePromptText(lang)}</option>
        ${REPORT_ELEMENTS.map((el) => html`<option value=${el} ?selected=${row.element === el}>${elementLabel(lang, el)}</option>`)}
      </select>`,
      )}
      ${this.#field(f('description'), this.#t('fieldDescription'), errors, input('description', 'description'))}
      <div class="pair">
        ${this.#field(f('quantityMilli'), this.#t('fieldQuantity'), errors, input('quantityMilli', 'quantity', 'text', 'decimal'))}
        ${this.#field(f('unit'), this.#t('fieldUnit'), errors, input('unit', 'unit'))}
      </div>
      <div class="pair">
        ${this.#field(f('costTiyin'), this.#t('fieldCost'), errors, input('costTiyin', 'cost', 'text', 'decimal'))}
        ${this.#field(f('doneOn'), this.#t('fieldDate'), errors, input('doneOn', 'doneOn', 'date'))}
      </div>
      ${this.#photoField(row, i)}
      ${
        this._rows.length > 1
          ? html`<button type="button" class="secondary" @click=${() => {
              this._rows = this._rows.filter((_, j) => j !== i);
            }}>${this.#t('removeWork', { n: i + 1 })}</button>`
          : nothing
      }
    </fieldset>`;
  }

  #photoField(row: Row, i: number): TemplateResult {
    const id = `works-${i}-photo`;
    const stage = row.photos.length === 0 ? 'before' : 'after';
    return html`<div class="field" part="photos">
      <label for=${id}>${this.#t('addPhoto')} (${this.#t(stage === 'before' ? 'stage_before' : 'stage_after')})</label>
      ${filePicker(
        this.settings.lang,
        id,
        html`<input id=${id} name=${`works.${i}.photo`} type="file" accept="image/jpeg,image/png"
          @change=${(e: Event) => this.#upload(e.target as HTMLInputElement, i, stage)} />`,
        row.photos.map((p) => p.id),
        true,
      )}
      ${
        row.photos.length
          ? html`<p class="small muted" data-photos=${row.photos.length}>${row.photos
              .map((p) => this.#t(p.stage === 'before' ? 'stage_before' : 'stage_after'))
              .join(', ')}</p>`
          : nothing
      }
    </div>`;
  }

  /** Uploads the chosen photo: the first of a line is "before", later ones "after". */
  async #upload(input: HTMLInputElement, i: number, stage: PhotoStage): Promise<void> {
    const file = input.files?.[0];
    if (!file || !this.buildingId) return;
    try {
      const photo = await uploadPhoto(this.buildingId, file, {
        ...this.settings,
        idempotencyKey: newIdempotencyKey(),
      });
      this._rows = this._rows.map((r, j) =>
        j === i ? { ...r, photos: [...r.photos, { id: photo.id, stage }] } : r,
      );
      this._photoError = undefined;
    } catch {
      this._photoError = this.#t('err_photo');
    } finally {
      input.value = '';
    }
  }

  #content(): ReportContent {
    return {
      works: this._rows.map((r) => ({
        kind: r.kind,
        element: r.element,
        description: r.description,
        quantityMilli: scaled(r.quantity, 1000),
        unit: r.unit,
        costTiyin: scaled(r.cost, 100),
        doneOn: r.doneOn,
        ...(r.photos.length ? { photos: r.photos } : {}),
      })) as WorkLine[],
      note: this._note,
    };
  }

  async #send(
    kind: 'draft' | 'submit' | 'correct',
    body: unknown,
    send: (key: string) => Promise<ReportView>,
    done: string,
  ) {
    this._done = '';
    // Submitting sends no content of its own: the draft saved just before was checked.
    this._checked = kind === 'submit' ? [] : checkRows(this._rows, kind === 'correct' ? this._reason : null);
    if (this._checked.length > 0) {
      this.#write.clear();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [part="error"]')?.focus();
      return null;
    }
    const key = this.#keys[kind].for(JSON.stringify([this.buildingId, this.quarter, body]));
    const outcome = await this.#write.run(() => send(key));
    if (!outcome.ok) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [part="error"]')?.focus();
      return null;
    }
    this.#keys[kind].reset();
    this._done = done;
    this.emit('mu-report-saved', { report: outcome.value });
    return outcome.value;
  }

  #ids = () => ({ id: this.buildingId?.trim() ?? '', q: this.quarter?.trim() ?? '' });

  #saveDraft = async (): Promise<ReportView | null> => {
    const { id, q } = this.#ids();
    const body = this.#content();
    const saved = await this.#send(
      'draft',
      body,
      (key) => saveDraft(id, q, body, { ...this.settings, idempotencyKey: key }),
      this.#t('savedDraft'),
    );
    return saved;
  };

  /** What is on screen is saved as the draft first, then submitted. */
  #submit = async (): Promise<void> => {
    const { id, q } = this.#ids();
    if (!(await this.#saveDraft())) return;
    const saved = await this.#send(
      'submit',
      { submit: true },
      (key) => submitReport(id, q, { ...this.settings, idempotencyKey: key }),
      this.#t('savedSubmitted'),
    );
    if (saved) this.#report.reload();
  };

  #correct = async (): Promise<void> => {
    const { id, q } = this.#ids();
    const body = { ...this.#content(), reason: this._reason };
    const saved = await this.#send(
      'correct',
      body,
      (key) => correctReport(id, q, body, { ...this.settings, idempotencyKey: key }),
      '',
    );
    if (saved) {
      this._done = this.#t('savedCorrection', { n: saved.versions.at(-1)?.version ?? 1 });
      this._reason = '';
      this.#report.reload();
    }
  };

  static override styles = [
    ...reportsStyles,
    filePickerStyles,
    css`
      fieldset {
        margin-bottom: 0.75rem;
      }
      .field {
        margin-top: 0.5rem;
        min-width: 0;
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
        gap: 0 0.75rem;
      }
      .field-error {
        margin: 0.2rem 0 0;
        color: var(--mu-color-error, #b42318);
        font-size: 0.9rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];
}
