// Activities of the quarterly reports' workflows (workflows/reports/quarter.ts): the deadline's
// stop is one transaction in the repository named by a request id; a reminder goes to the
// organization's people through notifications and to its mailbox through the mail outbox, both
// keyed by building, quarter and reminder time, so a retry neither stops nor reminds twice.
import { noticeTexts, notify } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { peopleActingFor } from '../../db/registry/scope.ts';
import {
  type DeadlineInput,
  reminderTarget,
  reportingBuildings,
  stopForMissingReport,
} from '../../db/reports/repository.ts';
import type { Language } from '../../domain/common/language.ts';
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

    /**
     * Reminds the managing organization of the report due, unless it is already in: the staff who
     * act for it by their own channels and language (notifications), its mailbox by mail. Both are
     * keyed by building, quarter and reminder time.
     */
    async remindAboutReport(input: { buildingId: string; quarter: string; at: number }) {
      const t = await ruled(reminderTarget(orm.em.fork(), input.buildingId, input.quarter));
      if (t.entered) return { entered: true, sent: false };
      const staff = t.organizationId
        ? await peopleActingFor(orm.em.fork(), { organizationIds: [t.organizationId] })
        : [];
      if (!t.email && staff.length === 0) return { entered: false, sent: false };
      const key = `report-reminder:${input.buildingId}:${input.quarter}:${input.at}`;
      const link = objectLink(portalUrl, 'report', reportId(input.buildingId, input.quarter));
      const due = deadlineDate(input.quarter, policy);
      const render = (lang: Language) =>
        renderReportReminder(lang, { address: t.address, quarter: input.quarter, dueDate: due, link });
      if (staff.length > 0)
        await notify(
          orm.em.fork(),
          {
            kind: 'report_reminder',
            organizationId: t.organizationId,
            buildingId: input.buildingId,
            texts: noticeTexts(render, link),
            idempotencyKey: key,
            recipients: staff.map((personId) => ({ personId })),
          },
          new Date(),
        );
      // Organizations record no language: the mailbox in the state language (docs/domain/identities.md).
      if (t.email)
        await sendMailOnce(orm.em.fork(), mailer, from, {
          idempotencyKey: key,
          to: t.email,
          ...render('uz'),
        });
      return { entered: false, sent: true };
    },

    /** A page of the buildings whose quarter workflow the fan-out starts. */
    listReportingBuildings: (input: { after: string | null; limit: number }) =>
      reportingBuildings(orm.em.fork(), input.after, input.limit),
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
