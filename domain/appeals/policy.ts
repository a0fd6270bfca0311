// The appeal terms of Law ZRU-445 as data (docs/domain/appeals.md). The law binds state bodies;
// holding management organizations to the same terms is the reform's choice [design]. Every
// value is a default a region may override; the tag says where it comes from. A fraction of a
// day or month is counted exactly, off the calendar, so drills and tests can run in seconds.
import { type DaysOffCalendar, DEFAULT_DAYS_OFF } from '../calendar/working-days.ts';

export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface AttachmentLimits {
  /** [design] 5 */
  maxFiles: number;
  /** [design] 10 MB each */
  maxBytes: number;
  /** [design] JPEG, PNG, PDF: what a phone photo or a scanned letter is */
  types: MediaType[];
}

export interface OfficeHours {
  /** Minutes after Tashkent midnight. [design] 09:00 */
  opensAtMinute: number;
  /** Received at or after this is registered on the next working day. [design] 18:00 */
  closesAtMinute: number;
}

export interface AppealPolicy {
  /** Application or complaint, days from the day after receipt. [law, art. 28] 15 */
  answerDays: number;
  /** When additional study, checks or documents are needed. [law, art. 28] up to 1 month */
  studyMonths: number;
  /** Proposals. [law, art. 28] up to 1 month */
  proposalMonths: number;
  /**
   * Proposals that need more study: the law exempts them from the month and sets no term.
   * [design] 2 months, the month plus the longest extension the law allows anything else
   */
  proposalStudyMonths: number;
  /** Written notice that a proposal needs more study. [law, art. 28] within 10 days */
  proposalNoticeDays: number;
  /** The head's extension, exceptionally. [law, art. 28] once, by at most 1 month */
  extensionMonths: number;
  maxExtensions: number;
  /** Forwarding to the competent body. [news (arts. 25, 28)] within 5 days */
  forwardingDays: number;
  /** After an answer, the applicant may dispute it to the next level. [design] 30 days */
  disputeDays: number;
  /** Hours before the deadline at which the responsible body is reminded. [design] 72, 24 */
  reminderHoursBeforeDue: number[];
  /** Same-day registration within office hours on working days. [law, art. 23; hours: design] */
  officeHours: OfficeHours;
  attachments: AttachmentLimits;
  /** A term ending on a day off moves to the next working day. [law, as the news summarise it] */
  daysOff: DaysOffCalendar;
}

export const DEFAULT_APPEAL_POLICY: AppealPolicy = {
  answerDays: 15,
  studyMonths: 1,
  proposalMonths: 1,
  proposalStudyMonths: 2,
  proposalNoticeDays: 10,
  extensionMonths: 1,
  maxExtensions: 1,
  forwardingDays: 5,
  disputeDays: 30,
  reminderHoursBeforeDue: [72, 24],
  officeHours: { opensAtMinute: 9 * 60, closesAtMinute: 18 * 60 },
  attachments: { maxFiles: 5, maxBytes: 10 * 1024 * 1024, types: [...MEDIA_TYPES] },
  daysOff: DEFAULT_DAYS_OFF,
};

export type AppealPolicyOverrides = Partial<Omit<AppealPolicy, 'officeHours' | 'attachments' | 'daysOff'>> & {
  officeHours?: Partial<OfficeHours>;
  attachments?: Partial<AttachmentLimits>;
  daysOff?: Partial<DaysOffCalendar>;
};

/** Layers overrides (national, then region, then organization) over the defaults. */
export function resolveAppealPolicy(...layers: (AppealPolicyOverrides | undefined)[]): AppealPolicy {
  let policy = DEFAULT_APPEAL_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    policy = {
      ...policy,
      ...layer,
      officeHours: { ...policy.officeHours, ...layer.officeHours },
      attachments: { ...policy.attachments, ...layer.attachments },
      daysOff: { ...policy.daysOff, ...layer.daysOff },
    };
  }
  return policy;
}
