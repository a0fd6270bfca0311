// Activities of the appeal workflow (workflows/appeals/appeal.ts): every change is one
// transaction in the repository named by a request id. The applicant's notices go through
// notifications (by their own channels) as one mailing per appeal and event; a body's mailbox,
// which is no person, through the mail outbox keyed by appeal and event. Either way a retry
// neither applies nor sends twice.
import { type ApplyInput, applyToAppeal, loadAppeal } from '../../db/appeals/repository.ts';
import { type MessageText, notify } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { Council, ManagementOrganization } from '../../db/registry/entities.ts';
import { appealDates } from '../../domain/appeals/dates.ts';
import type { AppealRuleCode } from '../../domain/appeals/errors.ts';
import { type AppealNotice, renderAppealNotice } from '../../domain/appeals/notice-mail.ts';
import type { BodyRef } from '../../domain/appeals/types.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
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
  /** The portal every link in a mail opens (config PORTAL_URL, PUBLIC_URL by default; domain/common/links.ts). */
  portalUrl: string;
}

const ruled = ruledBy(APPEAL_FAILURES);

export type { AppealNotice };

export function createAppealActivities({ orm, mailer, from, portalUrl }: AppealActivityDeps) {
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
      const link = objectLink(portalUrl, 'appeal', appeal.id);
      const mail = (lang: Language) =>
        renderAppealNotice(lang, input.notice, {
          registrationNumber: appeal.registrationNumber,
          category: appeal.category,
          status: appeal.status,
          responsibleName: appeal.responsible.name,
          dates: appealDates({ ...appeal, answeredAt: appeal.answer?.answeredAt ?? null }),
          answerText: appeal.answer?.text ?? null,
          link,
        });
      // The applicant by their own channels and language; the mail keeps its template's text.
      let people = 0;
      if (input.notice !== 'reminder') {
        const texts = Object.fromEntries(
          LANGUAGES.map((lang): [Language, MessageText] => {
            const m = mail(lang);
            return [lang, { subject: m.subject, body: m.text, text: m.text, link }];
          }),
        ) as Record<Language, MessageText>;
        await notify(
          em,
          {
            kind: 'appeal_update',
            texts,
            idempotencyKey: `appeal:${appeal.id}:${input.key}`,
            recipients: [{ personId: appeal.applicantPersonId }],
          },
          new Date(),
        );
        people = 1;
      }
      // A body's mailbox in the state language, as organizations and councils record no
      // language of their own.
      const recipients = new Map<string, Language>();
      if (['reminder', 'escalated', 'transferred', 'reopened', 'acknowledgement'].includes(input.notice)) {
        const to = await bodyAddress(appeal.responsible);
        if (to) recipients.set(to, 'uz');
      }
      for (const [to, lang] of recipients) {
        await sendMailOnce(em, mailer, from, {
          idempotencyKey: `appeal:${appeal.id}:${input.key}:${to}`,
          to,
          ...mail(lang),
        });
      }
      return { sent: people + recipients.size };
    },
  };
}

export type AppealActivities = ReturnType<typeof createAppealActivities>;
