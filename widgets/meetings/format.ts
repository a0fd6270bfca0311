// Meeting dates are legal deadlines in Asia/Tashkent whatever the reader's device says, and the
// vocabulary tables that turn enum values into message keys.

import type { Language } from '../../domain/common/language.ts';
import type { AgendaItemKind, MajorityRule, MeetingForm } from '../../domain/meetings/policy.ts';
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
import { formatNumber } from '../core/i18n.ts';
import type { MeetingMessageKey } from './messages.ts';

export const TIME_ZONE = 'Asia/Tashkent';

// Chromium's trimmed ICU data knows no Uzbek month names; these are the Latin-script ones.
const UZ_MONTHS = [
  'yanvar',
  'fevral',
  'mart',
  'aprel',
  'may',
  'iyun',
  'iyul',
  'avgust',
  'sentabr',
  'oktabr',
  'noyabr',
  'dekabr',
];

const INTL_LOCALE: Record<Exclude<Language, 'uz'>, string> = { ru: 'ru-RU', en: 'en-GB' };

function tashkentParts(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** "1-dekabr 2026, 09:00", "1 декабря 2026 г. в 09:00", "1 December 2026 at 09:00". */
export function formatDateTime(lang: Language, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (lang === 'uz') {
    const p = tashkentParts(date);
    return `${Number(p.day)}-${UZ_MONTHS[Number(p.month) - 1]} ${p.year}, ${p.hour}:${p.minute}`;
  }
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    timeZone: TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

/** Day only, for lists: "01.12.2026" in every language, which portals here use everywhere. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = tashkentParts(date);
  return `${p.day!.padStart(2, '0')}.${p.month!.padStart(2, '0')}.${p.year}`;
}

export const formatPercent = (lang: Language, value: number): string => formatNumber(lang, value, 2);

export const PHASE_TEXT: Record<MeetingPhase, MeetingMessageKey> = {
  notice: 'phaseNotice',
  discussion: 'phaseDiscussion',
  voting: 'phaseVoting',
  counting: 'phaseCounting',
  decided: 'phaseDecided',
  appeal_window: 'phaseAppealWindow',
  completed: 'phaseCompleted',
  cancelled: 'phaseCancelled',
  failed: 'phaseFailed',
};

export const FORM_TEXT: Record<MeetingForm, MeetingMessageKey> = {
  electronic: 'formElectronic',
  absentee: 'formAbsentee',
  in_person: 'formInPerson',
  mixed: 'formMixed',
};

export const ITEM_KIND_TEXT: Record<AgendaItemKind, MeetingMessageKey> = {
  ordinary: 'itemOrdinary',
  management_method: 'itemManagementMethod',
  management_organization: 'itemManagementOrganization',
  capital_repair: 'itemCapitalRepair',
  reconstruction: 'itemReconstruction',
  common_property_use: 'itemCommonPropertyUse',
  land_plot_limits: 'itemLandPlotLimits',
};

export const RULE_TEXT: Record<MajorityRule, MeetingMessageKey> = {
  majority_of_cast: 'ruleMajorityOfCast',
  majority_of_all: 'ruleMajorityOfAll',
  two_thirds_of_all: 'ruleTwoThirdsOfAll',
};

export const INITIATOR_TEXT: Record<MeetingView['initiator']['kind'], MeetingMessageKey> = {
  owners: 'initiatorOwners',
  management_organization: 'initiatorOrganization',
  council: 'initiatorCouncil',
};

/** Phases after the close, when results (and the published ballots) exist. */
export const CLOSED_PHASES: readonly MeetingPhase[] = ['decided', 'appeal_window', 'completed', 'failed'];

/** Phases whose participation numbers mean something (the electorate is frozen from notice on). */
export const COUNTED_PHASES: readonly MeetingPhase[] = ['voting', 'counting', ...CLOSED_PHASES];
