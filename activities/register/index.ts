// Activities of the register review (workflows/register/review.ts). Every change is one
// transaction in the repository, named by a request id so a retry never applies it twice; removal
// notices go to people through notifications (one mailing per application) and to mailboxes
// through the mail outbox, keyed per application and address.
import { Context } from '@temporalio/activity';
import { flagContractsOf } from '../../db/contracts/public.ts';
import { noticeTexts, notify } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import {
  type ApplyInput,
  applicationPolicy,
  applyToApplication,
  getApplication,
  ownersOfManagedBuildings,
  removalRecipients,
} from '../../db/register/repository.ts';
import { peopleActingFor } from '../../db/registry/scope.ts';
import type { Language } from '../../domain/common/language.ts';
import { objectLink } from '../../domain/common/links.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { RegisterRuleCode } from '../../domain/register/errors.ts';
import { renderRemovalMail } from '../../domain/register/removal-mail.ts';
import { consequencesOfRemoval, type RemovalReason } from '../../domain/register/status.ts';
import type { Mailer } from '../../platform/mail.ts';
import { REGISTER_FAILURES, type RegisterReviewState } from '../../workflows/register/contract.ts';
import { sendMailOnce } from '../mail/send-mail.ts';
import { ruledBy } from '../rule-failure.ts';

/** Owners per page of removal notices; each page ends with a heartbeat to resume from. */
const OWNER_PAGE = 200;

export interface RegisterActivityDeps {
  orm: Orm;
  mailer: Mailer;
  /** The portal every link in a mail opens (config PORTAL_URL, PUBLIC_URL by default; domain/common/links.ts). */
  portalUrl: string;
  from: string;
}

const ruled = ruledBy(REGISTER_FAILURES);

export function createRegisterActivities({ orm, mailer, from, portalUrl }: RegisterActivityDeps) {
  const state = async (applicationId: string): Promise<RegisterReviewState> => {
    const [view, policy] = await Promise.all([
      getApplication(orm.em, applicationId),
      applicationPolicy(orm.em, applicationId),
    ]);
    if (!view || !policy)
      throw new RuleError<RegisterRuleCode>('not_found', `application ${applicationId} does not exist`);
    return { ...view, policy };
  };

  return {
    loadRegisterApplication: (applicationId: string) => ruled(state(applicationId)),

    applyRegisterAction: (input: ApplyInput) =>
      ruled(
        (async () => {
          await applyToApplication(orm.em, input);
          return state(input.applicationId);
        })(),
      ),

    /**
     * Tells the organization, the councils of its buildings' districts and the owners of those
     * buildings. People (the staff who act for the organization and the councils, and the owners)
     * are one mailing of notifications, each by their own channels and language; the mailboxes of
     * the organization and the councils, which are no persons, get the mail. Pages through the
     * owners and heartbeats after each page, so a retry resumes where the last attempt stopped;
     * the mailing's key and the outbox's keys keep anything from going out twice. The
     * organization's contracts are flagged first, so the owners see why they must choose anew.
     */
    async notifyRegisterRemoval(input: { applicationId: string; reason: RemovalReason }) {
      const ctx = Context.current();
      const app = await ruled(state(input.applicationId));
      const consequences = consequencesOfRemoval(input.reason);
      // Flagging is idempotent (only unflagged contracts), so a retried attempt flags nothing twice.
      if (consequences.includes('flag_contracts') && !ctx.info.heartbeatDetails)
        await flagContractsOf(orm.em.fork(), app.organizationId, input.reason);
      const { organization, councils, districtIds } = await removalRecipients(orm.em, app.organizationId);
      const link = objectLink(portalUrl, 'register', app.organizationId);
      const mail = (lang: Language) =>
        renderRemovalMail(lang, {
          organizationName: organization.name,
          tin: app.tin,
          reason: input.reason,
          link,
        });
      const tell = (personIds: string[]) =>
        personIds.length === 0
          ? Promise.resolve()
          : notify(
              orm.em.fork(),
              {
                kind: 'register_notice',
                organizationId: app.organizationId,
                texts: noticeTexts(mail, link),
                idempotencyKey: `register-removal:${input.applicationId}`,
                recipients: personIds.map((personId) => ({ personId })),
              },
              new Date(),
            );
      let sent = 0;
      const resumed = ctx.info.heartbeatDetails as { after?: string } | undefined;
      if (!resumed) {
        const toOrganization = consequences.includes('notify_organization');
        const toCouncils = consequences.includes('notify_councils');
        // The organization and councils record no language: their mailboxes in the state language.
        const mailboxes = [
          ...(toOrganization ? [organization.email] : []),
          ...(toCouncils ? councils.map((c) => c.email) : []),
        ];
        for (const to of mailboxes)
          await sendMailOnce(orm.em, mailer, from, {
            idempotencyKey: `register-removal:${input.applicationId}:${to}`,
            to,
            ...mail('uz'),
          });
        const staff = await peopleActingFor(orm.em.fork(), {
          organizationIds: toOrganization ? [app.organizationId] : [],
          councilDistrictIds: toCouncils ? districtIds : [],
        });
        await tell(staff);
        sent += mailboxes.length + staff.length;
      }
      if (!consequences.includes('notify_owners')) return { sent };
      let after = resumed?.after ?? null;
      for (;;) {
        const page = await ownersOfManagedBuildings(orm.em, app.organizationId, after, OWNER_PAGE);
        await tell(page.map((o) => o.personId));
        sent += page.length;
        if (page.length < OWNER_PAGE) return { sent };
        after = page.at(-1)!.personId;
        ctx.heartbeat({ after });
      }
    },
  };
}

export type RegisterActivities = ReturnType<typeof createRegisterActivities>;
