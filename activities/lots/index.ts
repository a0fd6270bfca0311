// Activities of a lot version's approval (workflows/lots/approval.ts): each step is one transaction
// under the lot's row lock named by the workflow's request id, so a retry changes nothing twice; an
// approval is the council member's signed act: it stores the act, its hash in the hash-chained
// history and the signature together; reminders and
// the escalation go through notifications keyed by the workflow's step, so a retry tells nobody twice.
import { applyToLot, noteOnLot, reviewParties } from '../../db/lots/repository.ts';
import { approvalActOf } from '../../db/lots/versions.ts';
import { type MessageText, notify } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import { type ReviewNotice, renderReviewMail } from '../../domain/lots/review-mail.ts';
import type { LotCommand, LotParty } from '../../domain/lots/status.ts';
import { LOT_FAILURES, type SignedLotAct } from '../../workflows/lots/contract.ts';
import { ruledBy } from '../rule-failure.ts';

export interface LotActivityDeps {
  orm: Orm;
}

const ruled = ruledBy(LOT_FAILURES);

interface ApproveInput {
  lotId: string;
  version: number;
  actorUserId: string;
  requestId: string;
  act?: SignedLotAct;
}

const refuseAct = (message: string, reason: 'document_required' | 'document_changed') =>
  new RuleError<LotRuleCode>('invalid', message, ['signature'], reason);

async function approveBySignedAct(orm: Orm, input: ApproveInput): Promise<{ decisionDocument: string }> {
  const { act } = input;
  if (!act) throw refuseAct('an approval needs the signed act of the decision', 'document_required');
  const drawn = await approvalActOf(orm.em.fork(), { ...input, now: Date.now() });
  if (drawn.sha256 !== act.documentSha256)
    throw refuseAct(
      'the lot or its act changed since it was signed: read the act again and sign it',
      'document_changed',
    );
  const decisionDocument = `sha256:${drawn.sha256}`;
  const lot = await applyToLot(orm.em.fork(), {
    lotId: input.lotId,
    version: input.version,
    command: { type: 'approve', decisionDocument },
    party: 'council',
    actorUserId: input.actorUserId,
    requestId: input.requestId,
    now: new Date(),
    actHtml: drawn.html,
    signature: {
      signerUserId: input.actorUserId,
      signerName: act.signerName,
      envelope: act.envelope,
      verification: act.verification,
    },
  });
  // A retried approval finds the first one's act: its hash is the answer.
  return { decisionDocument: lot.state.decisionDocument ?? decisionDocument };
}

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
     * The council's approval by its signed act: the act drawn up again over what the lot holds now
     * must be the bytes the member signed (the API verified the signature over them), and the
     * approval, the act's hash and the signature are recorded in one transaction.
     */
    approveLot: (input: ApproveInput): Promise<{ decisionDocument: string }> =>
      ruled(approveBySignedAct(orm, input)),

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
