import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { DISPATCH_TRANSITIONS, type DispatchAction } from '../../domain/dispatch/transitions.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { filePicker, filePickerStyles } from '../core/file-picker.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { problemReason } from '../core/refusal.ts';
import { ReaderClock } from '../core/relative-time.ts';
import { type Job, listMyJobs, type TechnicianStep, takeStep } from './client.ts';
import { clockTime, runningClock, timeLeft } from './format.ts';
import { type DispatchMessageKey, dispatchMessages } from './messages.ts';
import { addPhotos, PHOTO_ACCEPT, PHOTO_LIMITS, type PhotoIssue, toPhotoInput } from './photos.ts';
import { dispatchStyles } from './styles.ts';
import { renderTimeline } from './timeline.ts';

/** The technician's one-tap steps, in the order the work goes. */
const QUICK_STEPS = ['accept', 'on_the_way', 'on_site', 'contain'] as const;
type QuickStep = (typeof QUICK_STEPS)[number];
const BUTTON: Record<QuickStep, DispatchMessageKey> = {
  accept: 'step_button_accept',
  on_the_way: 'step_button_on_the_way',
  on_site: 'step_button_on_site',
  contain: 'step_button_contain',
};

type Notice =
  | { id: string; ok: DispatchMessageKey; params: Record<string, string> }
  | { id: string; error: ApiError }
  | null;

/** The steps the assigned technician may take from the job's status (the domain's table). */
function stepsOf(job: Job): DispatchAction[] {
  return (Object.keys(DISPATCH_TRANSITIONS) as DispatchAction[]).filter((a) => {
    const rule = DISPATCH_TRANSITIONS[a];
    // "Contained" means something only where a containment clock runs.
    if (a === 'contain' && !job.clocks.some((c) => c.kind === 'contain')) return false;
    return rule.by === 'technician' && rule.from.includes(job.status);
  });
}

/**
 * A technician's assigned jobs on a phone: the most pressing clock first, each with its urgency,
 * the address, the legal time it counts down to (refreshed each minute: "contain by 14:05, 12 min
 * left"), what the resident wrote and the steps so far; big buttons for the next step (accept, on
 * the way, on site, emergency contained) and, on site, "Job done" with what was done and up to
 * five photos. The list is asked for again each minute, so a new job shows up by itself. Each step
 * has its own Idempotency-Key, the same for a retry.
 *
 * @element mu-my-jobs
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the jobs cannot be loaded.
 * @fires mu-dispatch-request-changed - `detail: { requestId, status }` after a step taken here.
 *
 * @csspart card - The box. @csspart list - The jobs. @csspart job - One job.
 * @csspart request-number - Its number. @csspart urgency - Its urgency. @csspart status-badge - Its status.
 * @csspart countdown - The time left on its clock. @csspart address - Where to go.
 * @csspart step-button - A step (also `step-accept`, `step-on_the_way`, `step-on_site`, `step-contain`).
 * @csspart done-form, note, photo-input, done-button - Finishing the job.
 * @csspart timeline - The steps so far. @csspart action-status - The outcome (a live region).
 * @csspart status, error, retry-button - Loading.
 */
export class MuMyJobs extends MuElement {
  static override properties: PropertyDeclarations = {
    _busy: { state: true },
    _notice: { state: true },
    _noteMissing: { state: true },
    _photos: { state: true },
    _photoIssues: { state: true },
  };

  declare _busy: string | null;
  declare _notice: Notice;
  declare _noteMissing: string | null;
  /** Photos chosen for finishing a job, by job id. */
  declare _photos: Readonly<Record<string, readonly File[]>>;
  declare _photoIssues: Readonly<Record<string, readonly PhotoIssue[]>>;

  #jobs = new KeyedLoader<{ items: Job[] }>(this, this.reportError);
  #clock = new ReaderClock(this);
  #retry = new RetryKey();
  #minute = 0;

  constructor() {
    super();
    this._busy = null;
    this._notice = null;
    this._noteMissing = null;
    this._photos = {};
    this._photoIssues = {};
  }

  /** Loads the jobs again (a dispatcher assigned a new one). */
  refresh(): void {
    this.#jobs.reload();
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    // Asked again each minute the clock ticks, so a job the dispatcher just assigned shows up on
    // the phone by itself; never in the middle of a step.
    if (!this._busy) this.#minute = this.#clock.now;
    this.#jobs.sync(JSON.stringify([apiBase, token, this.#minute]), token, (signal) =>
      listMyJobs({ apiBase, token, lang, signal }),
    );
  }

  #t = (key: DispatchMessageKey, params?: Record<string, string | number>): string =>
    translate(dispatchMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const body = renderLoaded(this.settings.lang, this.#jobs, ({ items }) =>
      items.length === 0
        ? html`<p part="status" class="muted">${this.#t('noJobs')}</p>`
        : html`<ul part="list" class="items">
            ${items.map((j) => this.#renderJob(j))}
          </ul>`,
    );
    return html`<section
      part="card"
      class="card"
      aria-labelledby="jobs-title"
      aria-busy=${this.#jobs.state.kind === 'loading' ? 'true' : 'false'}
    >
      <h2 id="jobs-title">${this.#t('jobsTitle')}</h2>
      ${body}
    </section>`;
  }

  #renderJob(j: Job): TemplateResult {
    const lang = this.settings.lang;
    const clock = runningClock(j);
    const left = clock ? timeLeft(this.#t, clock.dueAt, this.#clock.now) : null;
    const steps = stepsOf(j);
    const notice = this._notice?.id === j.id ? this._notice : null;
    return html`<li part="job" class="item ${j.urgency}" data-request-id=${j.id} data-status=${j.status}>
      <div class="summary">
        <span part="request-number" class="number">${this.#t('number', { number: j.number })}</span>
        <span part="urgency" class="urgency ${j.urgency}" data-urgency=${j.urgency}
          >${this.#t(`urgency_${j.urgency}`)}</span
        >
        <span>${this.#t(`cat_${j.category}`)}</span>
      </div>
      <p part="address">
        ${j.address}${j.apartmentNumber ? `, ${this.#t('apartmentShort', { number: j.apartmentNumber })}` : ''}
      </p>
      <p>
        <span part="status-badge" class="badge" data-status=${j.status}>${this.#t(`status_${j.status}`)}</span>
      </p>
      ${
        clock && left
          ? html`<p>
              ${this.#t(clock.kind === 'contain' ? 'containBy' : 'doneBy', {
                time: clockTime(clock.dueAt, this.#clock.now),
              })}
              <span part="countdown" class="countdown ${left.late ? 'late' : ''}" data-clock=${clock.kind}
                >${left.late ? '⚠ ' : ''}${left.text}</span
              >
            </p>`
          : nothing
      }
      <p class="quote" translate="no">${j.text}</p>
      <div class="steps">
        ${QUICK_STEPS.filter((s) => steps.includes(s)).map(
          (s) => html`<button
            type="button"
            part="step-button step-${s}"
            data-step=${s}
            ?disabled=${this._busy !== null}
            @click=${() => this.#step(j, { type: s })}
          >
            ${this.#t(BUTTON[s])}
          </button>`,
        )}
      </div>
      ${steps.includes('done') ? this.#renderDone(j) : nothing}
      <div part="action-status" role="status" aria-live="polite">
        ${
          notice && 'ok' in notice
            ? html`<p class="ok">${this.#t(notice.ok, notice.params)}</p>`
            : notice && 'error' in notice
              ? html`<p class="error">${this.#t('actionFailed', { reason: problemReason(notice.error, lang) })}</p>`
              : nothing
        }
      </div>
      <details>
        <summary>${this.#t('timeline')}</summary>
        ${renderTimeline(this.#t, lang, j.steps, `timeline-${j.id}`)}
      </details>
    </li>`;
  }

  #renderDone(j: Job): TemplateResult {
    const missing = this._noteMissing === j.id;
    const photos = this._photos[j.id] ?? [];
    const issues = this._photoIssues[j.id] ?? [];
    return html`<form part="done-form" novalidate @submit=${(e: SubmitEvent) => this.#done(e, j)}>
      <h4>${this.#t('doneTitle')}</h4>
      <div class="field">
        <label for="note-${j.id}">${this.#t('doneNote')}</label>
        <textarea
          id="note-${j.id}"
          part="note"
          name="note"
          maxlength="2000"
          aria-invalid=${missing ? 'true' : 'false'}
          @input=${() => {
            if (missing) this._noteMissing = null;
          }}
        ></textarea>
        ${missing ? html`<p class="error" role="alert">${this.#t('noteRequired')}</p>` : nothing}
      </div>
      <div class="field">
        <label for="photos-${j.id}">${this.#t('photos')}</label>
        ${filePicker(
          this.settings.lang,
          `photos-${j.id}`,
          html`<input
            id="photos-${j.id}"
            part="photo-input"
            type="file"
            accept=${PHOTO_ACCEPT}
            capture="environment"
            multiple
            ?disabled=${photos.length >= PHOTO_LIMITS.maxFiles}
            @change=${(e: Event) => this.#pick(e, j)}
          />`,
          photos.map((f) => f.name),
          true,
        )}
        ${issues.length > 0 ? html`<ul class="error" role="alert">${issues.map((i) => html`<li>${this.#t(i.key, i.params)}</li>`)}</ul>` : nothing}
        ${photos.length > 0 ? html`<ul class="files">${photos.map((f) => html`<li>${f.name}</li>`)}</ul>` : nothing}
      </div>
      <button type="submit" part="done-button" class="big" ?disabled=${this._busy !== null}>
        ${this._busy === j.id ? this.#t('sending') : this.#t('finish')}
      </button>
    </form>`;
  }

  async #pick(event: Event, j: Job): Promise<void> {
    const input = event.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    input.value = '';
    const { files, issues } = await addPhotos(this._photos[j.id] ?? [], picked);
    this._photos = { ...this._photos, [j.id]: files };
    this._photoIssues = { ...this._photoIssues, [j.id]: issues };
  }

  async #done(event: SubmitEvent, j: Job): Promise<void> {
    event.preventDefault();
    const note = String(new FormData(event.target as HTMLFormElement).get('note') ?? '').trim();
    if (!note) {
      this._noteMissing = j.id;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#note-${j.id}`)?.focus();
      return;
    }
    const files = this._photos[j.id] ?? [];
    await this.#step(j, { type: 'done', note, photos: [] }, files);
  }

  async #step(j: Job, step: TechnicianStep, files: readonly File[] = []): Promise<void> {
    if (this._busy) return;
    this._busy = j.id;
    this._notice = null;
    try {
      const fingerprint = JSON.stringify([j.id, step, files.map((f) => [f.name, f.size, f.lastModified])]);
      const key = this.#retry.for(fingerprint);
      const body =
        step.type === 'done' ? { ...step, photos: await Promise.all(files.map(toPhotoInput)) } : step;
      const next = await takeStep(j.id, body, { ...this.settings, idempotencyKey: key });
      this.#retry.reset();
      const list = this.#jobs.value;
      if (list) this.#jobs.set({ items: list.items.map((x) => (x.id === next.id ? { ...x, ...next } : x)) });
      if (step.type === 'done') {
        const { [j.id]: _, ...rest } = this._photos;
        this._photos = rest;
      }
      this._notice = {
        id: j.id,
        ...(step.type === 'done'
          ? { ok: 'jobDone' as const, params: { number: next.number } }
          : { ok: 'stepSaved' as const, params: { status: this.#t(`status_${next.status}`) } }),
      };
      this.emit('mu-dispatch-request-changed', { requestId: next.id, status: next.status });
    } catch (error) {
      this._notice = { id: j.id, error: toApiError(error) };
    } finally {
      this._busy = null;
    }
  }

  static override styles = [dispatchStyles, filePickerStyles];
}
