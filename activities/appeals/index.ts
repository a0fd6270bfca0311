// Activities of the appeal workflow (workflows/appeals/appeal.ts): every change is one
// transaction in the repository named by a request id, and every notice goes through the mail
// outbox keyed by appeal and event, so a retry neither applies nor mails twice.
import { type ApplyInput, applyToAppeal, loadAppeal } from '../../db/appeals/repository.ts';
import type { Orm } from '../../db/orm.ts';
import { Council, ManagementOrganization, Person } from '../../db/registry/entities.ts';
import type { AppealRuleCode } from '../../domain/appeals/errors.ts';
import type { BodyRef } from '../../domain/appeals/types.ts';
import { objectLink } from '../../domain/common/links.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { Mailer } from '../../platform/mail.ts';
import { APPEAL_FAILURES, type AppealFlowState } from '../../workflows/appeals/contract.ts';
import { sendMailOnce } from '../mail/send-mail.ts';
import { ruledBy } from '../rule-failure.ts';

export interface AppealActivityDeps {
  orm: Orm;
  mailer: Mailer;
  from: string;
  publicUrl: string;
  /** The portal the notices link into (domain/common/links.ts); publicUrl when not given. */
  portalUrl?: string;
}

const ruled = ruledBy(APPEAL_FAILURES);

export type AppealNotice =
  | 'acknowledgement'
  | 'reminder'
  | 'answered'
  | 'escalated'
  | 'transferred'
  | 'reopened'
  | 'closed'
  | 'extended';

export function createAppealActivities({ orm, mailer, from, publicUrl, portalUrl }: AppealActivityDeps) {
  const load = async (appealId: string): Promise<AppealFlowState> => {
    const stored = await loadAppeal(orm.em.fork(), appealId);
    if (!stored) throw new RuleError<AppealRuleCode>('not_found', `appeal ${appealId} does not exist`);
    return stored;
  };

  /** Who hears of the appeal at its body: the organization's mailbox, or the district council's. */
  async function bodyAddress(body: BodyRef): Promise<string | null> {
    const em = orm.em.fork();
    if (body.kind === 'management_organization')
      return (await em.findOne(ManagementOrganization, { id: body.id }))?.email ?? null;
    if (body.kind === 'council' || body.kind === 'inspection')
      return (await em.findOne(Council, { district: body.id }))?.email ?? null;
    return null;
  }

  return {
    loadAppealFlow: (appealId: string) => ruled(load(appealId)),

    applyAppealAction: (input: ApplyInput) => ruled(applyToAppeal(orm.em.fork(), input)),

    /**
     * Tells the applicant (and, for reminders and escalations, the responsible body) what
     * happened. `key` names the event, so the same notice is never sent twice.
     */
    async notifyAppeal(input: { appealId: string; notice: AppealNotice; key: string }) {
      const { appeal } = await ruled(load(input.appealId));
      const em = orm.em.fork();
      const applicant = await em.findOne(Person, { id: appeal.applicantPersonId });
      const link = objectLink(portalUrl ?? publicUrl, 'appeal', appeal.id);
      const subject = `Murojaat ${appeal.registrationNumber}: ${input.notice}`;
      const text = [
        `Murojaat / Appeal ${appeal.registrationNumber} (${appeal.category}).`,
        `Holati / Status: ${appeal.status}; javobgar / responsible: ${appeal.responsible.name}.`,
        `Muddat / Deadline: ${appeal.dueLastDay}.`,
        appeal.answer && input.notice === 'answered' ? `Javob / Answer: ${appeal.answer.text}` : '',
        link,
      ]
        .filter(Boolean)
        .join('\n\n');
      const recipients = new Set<string>();
      if (input.notice !== 'reminder' && applicant?.email) recipients.add(applicant.email);
      if (['reminder', 'escalated', 'transferred', 'reopened', 'acknowledgement'].includes(input.notice)) {
        const to = await bodyAddress(appeal.responsible);
        if (to) recipients.add(to);
      }
      for (const to of recipients) {
        await sendMailOnce(em, mailer, from, {
          idempotencyKey: `appeal:${appeal.id}:${input.key}:${to}`,
          to,
          subject,
          text,
        });
      }
      return { sent: recipients.size };
    },
  };
}

export type AppealActivities = ReturnType<typeof createAppealActivities>;
