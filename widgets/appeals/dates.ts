// An appeal's four dates as the API tells them (`dates`, domain/appeals/dates.ts): received,
// registered (the next working day when it came after hours or on a day off, and said so), due and
// answered, Tashkent days all. The list, the details and the board read them from here, so the
// three tell one story and none works a day out of an instant of its own.
import { html, nothing, type TemplateResult } from 'lit';
import type { AppealDates } from '../../domain/appeals/dates.ts';
import { formatDay } from '../core/format.ts';
import type { Translate } from '../core/i18n.ts';
import type { AppealMessageKey } from './messages.ts';

type T = Translate<AppealMessageKey>;

/** The registered day, with "the next working day" when it was not the day of receipt. */
export const registeredText = (t: T, d: AppealDates): string =>
  d.registeredLater ? t('registeredLater', { date: formatDay(d.registeredOn) }) : formatDay(d.registeredOn);

/** The four dates as rows of a `<dl>`, in the story's order; `due` is added under the due day. */
export function renderDateFacts(t: T, d: AppealDates, due: unknown = nothing): TemplateResult {
  return html`<div data-date="received"><dt>${t('received')}</dt><dd>${formatDay(d.receivedOn)}</dd></div>
    <div data-date="registered"><dt>${t('registered')}</dt><dd>${registeredText(t, d)}</dd></div>
    <div data-date="due"><dt>${t('deadline')}</dt><dd>${formatDay(d.dueLastDay)} ${due}</dd></div>
    ${
      d.answeredOn
        ? html`<div data-date="answered"><dt>${t('answered')}</dt><dd>${formatDay(d.answeredOn)}</dd></div>`
        : nothing
    }`;
}

/** Received and, when later, registered: one line each, for a list's or a table's narrow cell. */
export function renderArrival(t: T, d: AppealDates): TemplateResult {
  return html`<span data-date="received">${t('receivedOn', { date: formatDay(d.receivedOn) })}</span>${
    d.registeredLater
      ? html`<br /><span class="muted" data-date="registered"
            >${t('registeredNextDay', { date: formatDay(d.registeredOn) })}</span
          >`
      : nothing
  }`;
}
