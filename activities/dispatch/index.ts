// Activities of the dispatch workflows (workflows/dispatch/): every change is one transaction in
// the repository named by a request key. The resident's notices go through notifications (their
// own channels: Telegram, SMS or mail) as one mailing per request and event; the organization's
// and the inspection's mailboxes, which are no person, through the mail outbox keyed by request
// and event. Either way a retry neither applies nor sends twice.
import { log } from '@temporalio/activity';
import { DispatchRequestRow } from '../../db/dispatch/entities.ts';
import { resolveMassIncident } from '../../db/dispatch/mass.ts';
import {
  type ApplyInput,
  applyToDispatchRequest,
  loadDispatchRequest,
} from '../../db/dispatch/repository.ts';
import { keepSuggestion, textToSecondGuess } from '../../db/dispatch/second-opinion.ts';
import { type MessageText, notify as notifyPeople } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { Council, ManagementOrganization } from '../../db/registry/entities.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { objectLink, withPortalLink } from '../../domain/common/links.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { DispatchRuleCode } from '../../domain/dispatch/errors.ts';
import { type DispatchNotice, NOTICE_TO, renderDispatchNotice } from '../../domain/dispatch/notice-mail.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { SecondOpinion } from '../../platform/triage/second-opinion.ts';
import { DISPATCH_FAILURES, type DispatchFlowState } from '../../workflows/dispatch/contract.ts';
import { sendMailOnce } from '../mail/send-mail.ts';
import { ruledBy } from '../rule-failure.ts';

export interface DispatchActivityDeps {
  orm: Orm;
  mailer: Mailer;
  from: string;
  /** The portal's address: a resident's notice links to their request there. */
  portalUrl: string;
  /** The configured language model for a second opinion on unsure triages; null: none. */
  secondOpinion?: SecondOpinion | null;
}

const ruled = ruledBy(DISPATCH_FAILURES);

export function createDispatchActivities({
  orm,
  mailer,
  from,
  portalUrl,
  secondOpinion = null,
}: DispatchActivityDeps) {
  const load = async (requestId: string): Promise<DispatchFlowState> => {
    const stored = await loadDispatchRequest(orm.em.fork(), requestId);
    if (!stored) throw new RuleError<DispatchRuleCode>('not_found', `request ${requestId} does not exist`);
    return stored;
  };

  /** Sends one notice about one request to its recipients; `key` names the event. */
  async function notify(requestId: string, notice: DispatchNotice, key: string): Promise<number> {
    const em = orm.em.fork();
    const row = await em.findOne(DispatchRequestRow, { id: requestId }, { populate: ['organization'] });
    if (!row) return 0;
    const recipients = new Map<string, Language>();
    // The request opens for the resident who made it and for the organization's staff (the board,
    // the technician's jobs); the inspection reads the district's figures, not single requests.
    const link = objectLink(portalUrl, 'request', row.id);
    const linked = new Set<string>();
    let residents = 0;
    for (const who of NOTICE_TO[notice]) {
      if (who === 'resident' && row.resident) {
        const texts = Object.fromEntries(
          LANGUAGES.map((lang): [Language, MessageText] => {
            const { subject, text } = renderDispatchNotice(lang, notice, row.number);
            return [lang, { subject, body: text, link, text: withPortalLink(text, lang, link) }];
          }),
        ) as Record<Language, MessageText>;
        await notifyPeople(
          em,
          {
            kind: 'dispatch_update',
            organizationId: row.organization.id,
            texts,
            idempotencyKey: `dispatch:${requestId}:${key}`,
            recipients: [{ personId: row.resident.id }],
          },
          new Date(),
        );
        residents = 1;
      }
      // The organization's mailbox stands for its chief engineer: the registry records no person for the post.
      if (who === 'organization') {
        const org = await em.findOne(ManagementOrganization, { id: row.organization.id });
        if (org?.email && !recipients.has(org.email)) recipients.set(org.email, 'uz');
        if (org?.email) linked.add(org.email);
      }
      // The district's inspection is reached through its council's mailbox, as appeals do.
      if (who === 'inspection') {
        const council = await em.findOne(Council, { district: row.district.id });
        if (council?.email && !recipients.has(council.email)) recipients.set(council.email, 'uz');
      }
    }
    for (const [to, lang] of recipients) {
      const { subject, text } = renderDispatchNotice(lang, notice, row.number);
      await sendMailOnce(em, mailer, from, {
        idempotencyKey: `dispatch:${requestId}:${key}:${to}`,
        to,
        subject,
        text: linked.has(to) ? withPortalLink(text, lang, link) : text,
      });
    }
    return residents + recipients.size;
  }

  return {
    loadDispatchFlow: (requestId: string) => ruled(load(requestId)),

    applyDispatchAction: (input: ApplyInput) => ruled(applyToDispatchRequest(orm.em.fork(), input)),

    notifyDispatch: async (input: { requestId: string; notice: DispatchNotice; key: string }) => ({
      sent: await notify(input.requestId, input.notice, input.key),
    }),

    /**
     * Asks the configured model about an unsure triage and keeps its suggestion with it. Never
     * required: without a model, for a sure triage or one already answered it asks nothing, and a
     * model that fails, times out or answers nonsense is logged and ignored (the activity succeeds).
     */
    async secondTriageOpinion(input: { requestId: string }): Promise<{ asked: boolean; kept: boolean }> {
      if (!secondOpinion) return { asked: false, kept: false };
      const text = await textToSecondGuess(orm.em.fork(), input.requestId);
      if (text === null) return { asked: false, kept: false };
      let suggestion: Awaited<ReturnType<SecondOpinion['suggest']>>;
      try {
        suggestion = await secondOpinion.suggest(text);
      } catch (err) {
        log.warn('second triage opinion ignored', { requestId: input.requestId, error: String(err) });
        return { asked: true, kept: false };
      }
      return { asked: true, kept: await keepSuggestion(orm.em.fork(), input.requestId, suggestion) };
    },

    /** Finishes the incident's open requests in one transaction; answers which it finished. */
    resolveDispatchMassIncident: (input: {
      incidentId: string;
      note: string;
      byUserId: string;
      key?: string;
    }) => ruled(resolveMassIncident(orm.em.fork(), input)),

    /** Tells each resident of the resolved requests, in one activity over the set (bounded by the incident). */
    async notifyMassResolved(input: { incidentId: string; requestIds: string[] }) {
      let sent = 0;
      for (const id of input.requestIds)
        sent += await notify(id, 'mass_resolved', `mass_resolved:${input.incidentId}`);
      return { sent };
    },
  };
}

export type DispatchActivities = ReturnType<typeof createDispatchActivities>;
