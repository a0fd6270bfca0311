// Activities of the quarterly reports' workflows (workflows/reports/quarter.ts): the deadline's
// stop is one transaction in the repository named by a request id; a reminder goes through the
// mail outbox keyed by building, quarter and reminder time, so a retry neither stops nor mails twice.
import type { Orm } from '../../db/orm.ts';
import {
  type DeadlineInput,
  reminderTarget,
  reportingBuildings,
  stopForMissingReport,
} from '../../db/reports/repository.ts';
import { objectLink, reportId } from '../../domain/common/links.ts';
import type { ReportPolicy } from '../../domain/reports/policy.ts';
import { deadlineDate } from '../../domain/reports/quarters.ts';
import { renderReportReminder } from '../../domain/reports/reminder-mail.ts';
import type { Mailer } from '../../platform/mail.ts';
import { REPORT_FAILURES } from '../../workflows/reports/contract.ts';
import { sendMailOnce } from '../mail/send-mail.ts';
import { ruledBy } from '../rule-failure.ts';

export interface ReportActivityDeps {
  orm: Orm;
  mailer: Mailer;
  from: string;
  publicUrl: string;
  /** The portal every link in a mail opens (config PORTAL_URL, PUBLIC_URL by default; domain/common/links.ts). */
  portalUrl: string;
  policy: ReportPolicy;
}

const ruled = ruledBy(REPORT_FAILURES);

export function createReportActivities({ orm, mailer, from, portalUrl, policy }: ReportActivityDeps) {
  return {
    /** The deadline passed (or the recorded months run out) without the report: stop the next months. */
    stopForMissingReport: (input: Omit<DeadlineInput, 'now'>) =>
      ruled(stopForMissingReport(orm.em.fork(), input)),

    /** Reminds the managing organization of the report due, unless it is already in. */
    async remindAboutReport(input: { buildingId: string; quarter: string; at: number }) {
      const t = await ruled(reminderTarget(orm.em.fork(), input.buildingId, input.quarter));
      if (t.entered) return { entered: true, sent: false };
      if (!t.email) return { entered: false, sent: false };
      const due = deadlineDate(input.quarter, policy);
      await sendMailOnce(orm.em.fork(), mailer, from, {
        idempotencyKey: `report-reminder:${input.buildingId}:${input.quarter}:${input.at}`,
        to: t.email,
        // Organizations record no language: the state language (docs/domain/identities.md).
        ...renderReportReminder('uz', {
          address: t.address,
          quarter: input.quarter,
          dueDate: due,
          link: objectLink(portalUrl, 'report', reportId(input.buildingId, input.quarter)),
        }),
      });
      return { entered: false, sent: true };
    },

    /** A page of the buildings whose quarter workflow the fan-out starts. */
    listReportingBuildings: (input: { after: string | null; limit: number }) =>
      reportingBuildings(orm.em.fork(), input.after, input.limit),
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
