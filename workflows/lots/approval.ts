// One lot version's way through the council: the officer submits it, the council approves it or
// returns it with remarks, the officer resubmits. Each submission starts the council's clock from
// the lots policy: reminders before the deadline, and when it passes undecided an escalation to
// the district's inspection, after which the council may still decide. Every step is a
// transaction under the lot's row lock through an activity, decided by the same pure rules
// (domain/lots/status.ts); the history holds a few events per submission, never per building. The
// council approves by signing the act of its decision (SignedLotAct, verified by the API): the
// activity records the approval with the signed act, so none is approved without it.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { LotActivities } from '../../activities/lots/index.ts';
import { reviewDeadline, reviewReminders } from '../../domain/lots/review.ts';
import { bulkMail, databaseWork, interactiveChange } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { createExclusive } from '../common/exclusive.ts';
import { unwrapped } from '../common/failures.ts';
import { waitUntil } from '../common/wait.ts';
import {
  type DecideLotInput,
  decideLotUpdate,
  LOT_FAILURES,
  type LotApprovalInput,
  type LotApprovalState,
  lotApprovalStateQuery,
  lotApprovalWorkflowId,
  type SubmitLotInput,
  submitLotUpdate,
} from './contract.ts';

const NON_RETRYABLE = nonRetryable(LOT_FAILURES);
export const SIGNED_ACT_PATCH = 'lots-approval-signed-act';
const db = proxyActivities<LotActivities>(databaseWork(NON_RETRYABLE));
const change = proxyActivities<LotActivities>(interactiveChange(NON_RETRYABLE));
const mail = proxyActivities<LotActivities>(bulkMail(NON_RETRYABLE));

/** A refusal as the activities' rule failures carry it: fields in details[0], the reason in details[1]. */
const refuse = (message: string, type: string, reason: string, field?: string) =>
  ApplicationFailure.nonRetryable(message, type, field ? [{ field, message }] : [], { reason });

export async function lotApproval(input: LotApprovalInput): Promise<LotApprovalState> {
  const { lotId, version, policy } = input;
  const prefix = lotApprovalWorkflowId(lotId, version);
  const s: LotApprovalState = {
    approval: 'draft',
    round: 0,
    submittedAt: null,
    dueAt: null,
    remindersSent: 0,
    escalated: false,
    remarks: null,
    decisionDocument: null,
  };
  const exclusive = createExclusive();

  function checkSubmit(i: SubmitLotInput): void {
    if (!i?.actorUserId) throw refuse('the update names who submits', LOT_FAILURES.invalid, 'invalid_update');
    if (s.approval !== 'draft' && s.approval !== 'returned')
      throw refuse(
        `submit is not possible while the lot is ${s.approval}`,
        LOT_FAILURES.wrong_state,
        'not_allowed_from_state',
      );
  }
  /** `signedAct`: an approval must carry the council member's signed act (histories before it did not). */
  function checkDecide(i: DecideLotInput, signedAct: boolean): void {
    if (!i?.actorUserId || (i.decision !== 'approve' && i.decision !== 'return'))
      throw refuse(
        'the update names who decides and how',
        LOT_FAILURES.invalid,
        'invalid_update',
        'decision',
      );
    if (signedAct && i.decision === 'approve' && !i.act?.documentSha256)
      throw refuse(
        'an approval needs the signed act of the decision',
        LOT_FAILURES.invalid,
        'document_required',
        'signature',
      );
    if (s.approval !== 'submitted')
      throw refuse(
        `a decision is not possible while the lot is ${s.approval}`,
        LOT_FAILURES.wrong_state,
        'not_allowed_from_state',
      );
    if (i.decision === 'return' && !i.remarks?.trim())
      throw refuse('a return needs the council remarks', LOT_FAILURES.invalid, 'remarks_required', 'remarks');
  }

  setHandler(lotApprovalStateQuery, () => s);
  setHandler(
    submitLotUpdate,
    (i) =>
      exclusive(async () => {
        checkSubmit(i);
        const round = s.round + 1;
        await unwrapped(
          change.stepLot({
            lotId,
            version,
            command: { type: 'submit' },
            party: 'officer',
            actorUserId: i.actorUserId,
            requestId: `${prefix}:submit:${round}`,
          }),
        );
        s.round = round;
        s.approval = 'submitted';
        s.submittedAt = Date.now();
        s.dueAt = reviewDeadline(s.submittedAt, policy);
        s.escalated = false;
        s.remarks = null;
        return { ...s };
      }),
    { validator: checkSubmit },
  );
  setHandler(
    decideLotUpdate,
    (i) =>
      exclusive(async () => {
        // Approving is signing the act of the decision: the approval and its signed act are one
        // step. Runs approved before this approved first and had the act signed afterwards.
        const signedAct = i?.decision === 'approve' && patched(SIGNED_ACT_PATCH);
        checkDecide(i, signedAct);
        const requestId = `${prefix}:${i.decision}:${s.round}`;
        if (i.decision === 'approve') {
          const r = await unwrapped(
            change.approveLot({
              lotId,
              version,
              actorUserId: i.actorUserId,
              requestId,
              ...(signedAct ? { act: i.act } : {}),
            }),
          );
          s.approval = 'approved';
          s.decisionDocument = r.decisionDocument;
        } else {
          await unwrapped(
            change.stepLot({
              lotId,
              version,
              command: { type: 'return', remarks: i.remarks },
              party: 'council',
              actorUserId: i.actorUserId,
              requestId,
            }),
          );
          s.approval = 'returned';
          s.remarks = i.remarks.trim();
        }
        return { ...s };
      }),
    { validator: (i) => checkDecide(i, true) },
  );

  for (;;) {
    await condition(() => s.approval === 'submitted' || s.approval === 'approved');
    if (s.approval === 'approved') break;
    const round = s.round;
    const dueAt = s.dueAt!;
    const moved = () => s.round !== round || s.approval !== 'submitted';
    let decided = false;
    for (const at of reviewReminders(s.submittedAt!, policy)) {
      if (await waitUntil(at, moved)) {
        decided = true;
        break;
      }
      await mail.notifyLotReview({
        lotId,
        version,
        notice: 'reminder',
        dueAt,
        key: `${prefix}:${round}:${at}`,
      });
      s.remindersSent++;
    }
    if (decided || (await waitUntil(dueAt, moved))) continue;
    await db.noteLotReview({
      lotId,
      action: 'review_overdue',
      dueAt,
      requestId: `${prefix}:overdue:${round}`,
    });
    await mail.notifyLotReview({
      lotId,
      version,
      notice: 'overdue',
      dueAt,
      key: `${prefix}:${round}:overdue`,
    });
    s.escalated = true;
    await condition(moved);
  }
  await condition(allHandlersFinished);
  return s;
}
