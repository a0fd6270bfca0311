// Activities of a lot version's approval (workflows/lots/approval.ts): each step is one transaction
// under the lot's row lock named by the workflow's request id, so a retry changes nothing twice; an
// approval draws up the decision act and records its hash in the hash-chained history; reminders and
// the escalation go through notifications keyed by the workflow's step, so a retry tells nobody twice.
import { applyToLot, noteOnLot, reviewParties, summaryOf, userName } from '../../db/lots/repository.ts';
import { type MessageText, notify } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { renderLotDecisionAct } from '../../domain/lots/decision-act.ts';
import { type ReviewNotice, renderReviewMail } from '../../domain/lots/review-mail.ts';
import type { LotCommand, LotParty } from '../../domain/lots/status.ts';
import { LOT_FAILURES } from '../../workflows/lots/contract.ts';
import { ruledBy } from '../rule-failure.ts';

export interface LotActivityDeps {
  orm: Orm;
}

const ruled = ruledBy(LOT_FAILURES);

export function createLotActivities({ orm }: LotActivityDeps) {
  return {
    /** A submission or a return, decided by the lot's rules on what is stored. */
    async stepLot(input: {
      lotId: string;
      version: number;
      command: Extract<LotCommand, { type: 'submit' } | { type: 'return' }>;
      party: LotParty;
      actorUserId: string;
      requestId: string;
    }): Promise<void> {
      await ruled(applyToLot(orm.em.fork(), { ...input, now: new Date() }));
    },

    /**
     * The council's approval: the act of the decision drawn up over what the lot holds now, and its
     * SHA-256 recorded as the decision's document in the same transaction as the approval.
     */
    async approveLot(input: {
      lotId: string;
      version: number;
      actorUserId: string;
      requestId: string;
    }): Promise<{ decisionDocument: string }> {
      const em = orm.em.fork();
      const parties = await ruled(reviewParties(em, input.lotId));
      const html = renderLotDecisionAct({
        lotId: input.lotId,
        districtName: parties.districtName,
        councilName: parties.councilName ?? `${parties.districtName} council`,
        lotNumber: parties.number,
        version: input.version,
        date: tashkentDate(Date.now()),
        apartments: (await summaryOf(em, input.lotId)).apartments,
        buildings: parties.buildings,
        decidedBy: { userId: input.actorUserId, name: await userName(em, input.actorUserId) },
      });
      const decisionDocument = `sha256:${await sha256Hex(html)}`;
      const lot = await ruled(
        applyToLot(orm.em.fork(), {
          lotId: input.lotId,
          version: input.version,
          command: { type: 'approve', decisionDocument },
          party: 'council',
          actorUserId: input.actorUserId,
          requestId: input.requestId,
          now: new Date(),
          actHtml: html,
        }),
      );
      // A retried approval finds the first one's act: its hash is the answer.
      return { decisionDocument: lot.state.decisionDocument ?? decisionDocument };
    },

    /** A line in the lot's history that the council's deadline passed. */
    noteLotReview: (input: { lotId: string; action: 'review_overdue'; dueAt: number; requestId: string }) =>
      ruled(
        noteOnLot(orm.em.fork(), {
          lotId: input.lotId,
          requestId: input.requestId,
          action: input.action,
          data: { dueAt: new Date(input.dueAt).toISOString() },
        }),
      ),

    /**
     * Reminds the district's council members of the decision due; once overdue, tells them and the
     * district's inspectors. Through notifications, each person in their own language and channels;
     * one mailing per notice (its key), so a retry tells nobody twice.
     */
    async notifyLotReview(input: {
      lotId: string;
      version: number;
      notice: ReviewNotice;
      dueAt: number;
      key: string;
    }): Promise<{ sent: number }> {
      const em = orm.em.fork();
      const p = await ruled(reviewParties(em, input.lotId));
      const to = new Set(p.councilPersons);
      if (input.notice === 'overdue') for (const id of p.inspectorPersons) to.add(id);
      const data = {
        districtName: p.districtName,
        lotNumber: p.number,
        version: input.version,
        dueAt: input.dueAt,
      };
      const texts = Object.fromEntries(
        LANGUAGES.map((lang): [Language, MessageText] => {
          const mail = renderReviewMail(lang, input.notice, data);
          return [lang, { subject: mail.subject, body: mail.text }];
        }),
      ) as Record<Language, MessageText>;
      if (to.size > 0)
        await notify(
          em,
          {
            kind: 'lot_update',
            texts,
            idempotencyKey: input.key,
            recipients: [...to].map((personId) => ({ personId })),
          },
          new Date(),
        );
      return { sent: to.size };
    },
  };
}

export type LotActivities = ReturnType<typeof createLotActivities>;
