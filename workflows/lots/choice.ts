// One approved lot version's choice of its management organization: the application window (its
// length from the lots policy), then the lot-wide general meeting (a child on the meetings' queue,
// left to run its own course: notices, repeat without quorum, protocol, appeal window) whose
// result is read back after its close, one attempt at a time; when the owners do not choose, the
// council's competition (deadline from the policy, protocol by the published criteria, the
// council's appointment as an update); the owners told the outcome through notifications; and the
// contracts, each with its own workflow on the contracts' queue. The history holds a fixed number
// of events per stage, plus the polls after a close (each one timer and one activity, until the
// meeting has counted), a round per competition term nobody bid in (two activities and a timer),
// and two per contract. The rounds are what could grow for years, so a run goes through at most
// the policy's competitionRoundsPerRun of them and then continues as new at the next round
// (input.resume), where the window and the vote are not run again.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { LotChoiceActivities } from '../../activities/lots/choice.ts';
import type { CandidateItem } from '../../domain/lots/choice.ts';
import { DEFAULT_LOT_POLICY } from '../../domain/lots/policy.ts';
import type { LotState } from '../../domain/lots/status.ts';
import { databaseWork, interactiveChange } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { createExclusive } from '../common/exclusive.ts';
import { unwrapped } from '../common/failures.ts';
import { waitUntil } from '../common/wait.ts';
import { contractWorkflow, contractWorkflowId } from '../contracts/contract.ts';
import { meetingWorkflow, meetingWorkflowId } from '../meetings/contract.ts';
import {
  type AppointLotInput,
  appointLotUpdate,
  LOT_FAILURES,
  type LotChoiceInput,
  type LotChoiceState,
  lotChoiceStateQuery,
  lotChoiceWorkflowId,
} from './contract.ts';

const NON_RETRYABLE = nonRetryable(LOT_FAILURES);
const db = proxyActivities<LotChoiceActivities>(databaseWork(NON_RETRYABLE));
const change = proxyActivities<LotChoiceActivities>(interactiveChange(NON_RETRYABLE));

const DAY_MS = 86_400_000;

/** Runs started before it did not tell the owners the outcome; their histories replay without it. */
export const OWNERS_TOLD_PATCH = 'lots-choice-owners-told';
/**
 * Runs started before it went through every competition round in one history; where their
 * recorded rounds have no marker of it they replay without continuing as new.
 */
export const COMPETITION_CONTINUED_PATCH = 'lots-choice-competition-continued';

export async function lotChoice(input: LotChoiceInput): Promise<LotChoiceState> {
  const { lotId, version, policy, resume } = input;
  const prefix = lotChoiceWorkflowId(lotId, version);
  const s: LotChoiceState = resume
    ? { ...resume.state }
    : {
        selection: 'not_started',
        applicationsCloseAt: null,
        meetingSeriesId: null,
        attempt: 0,
        polls: 0,
        competitionClosesAt: null,
        protocol: null,
        organizationId: null,
        tariff: null,
        contractIds: [],
      };
  const exclusive = createExclusive();
  let appointedBy: string | null = null;
  setHandler(lotChoiceStateQuery, () => s);

  function checkAppoint(i: AppointLotInput): void {
    if (!i?.actorUserId || !i.organizationId)
      throw ApplicationFailure.nonRetryable(
        'the update names who appoints and whom',
        LOT_FAILURES.invalid,
        [{ field: 'organizationId', message: 'required' }],
        { reason: 'invalid_update' },
      );
    if (s.selection !== 'competition' || !s.protocol)
      throw ApplicationFailure.nonRetryable(
        s.selection === 'competition'
          ? 'the competition is still open: the council appoints after its protocol'
          : `an appointment is not possible while the lot is ${s.selection}`,
        LOT_FAILURES.wrong_state,
        [],
        { reason: s.selection === 'competition' ? 'window_open' : 'not_allowed_from_state' },
      );
  }
  setHandler(
    appointLotUpdate,
    (i) =>
      exclusive(async () => {
        checkAppoint(i);
        const winner = await unwrapped(
          change.appointLotWinner({
            lotId,
            organizationId: i.organizationId,
            actorUserId: i.actorUserId,
            requestId: `${prefix}:appoint`,
          }),
        );
        s.selection = 'appointed';
        s.organizationId = winner.organizationId;
        s.tariff = winner.tariff;
        appointedBy = i.actorUserId;
        return { ...s };
      }),
    { validator: checkAppoint },
  );

  const follow = (lot: LotState) => {
    s.selection = lot.selection;
    s.organizationId = lot.organizationId;
  };

  // The meeting's decision, if the owners chose: the contracts cite it.
  let source: { meetingId: string; agendaItemId: string } | null = null;
  // A run continued as new is past both: it resumes in the competition.
  if (!resume) {
    // The window.
    const closesAt = Date.now() + policy.applicationDays * DAY_MS;
    follow(
      await db.openLotApplications({
        lotId,
        version,
        closesAt,
        actorUserId: input.openedBy.userId,
        requestId: `${prefix}:open`,
      }),
    );
    s.applicationsCloseAt = closesAt;
    await waitUntil(closesAt);
    let lot = await db.closeLotApplications({ lotId, version, requestId: `${prefix}:close` });
    follow(lot);

    // The vote, followed attempt by attempt until the lot's reducer says where it goes.
    if (lot.selection === 'voting') {
      const seriesId = uuid4();
      const called = await db.callLotVote({
        lotId,
        version,
        meetingId: seriesId,
        council: input.openedBy,
        votingDays: policy.votingDays,
      });
      await startChild(meetingWorkflow.name, {
        taskQueue: input.queues.meetings,
        workflowId: meetingWorkflowId(seriesId),
        args: [{ meetingId: seriesId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      s.meetingSeriesId = seriesId;
      s.attempt = 1;
      let items: CandidateItem[] = called.items;
      let wakeAt = called.votingClosesAt;
      for (;;) {
        await waitUntil(wakeAt);
        const r = await db.readLotVote({ seriesId, attempt: s.attempt, items });
        if (!r.settled) {
          s.polls++;
          wakeAt = Math.max(r.votingClosesAt, Date.now() + policy.resultPollMinutes * 60_000);
          continue;
        }
        lot = await db.recordLotVote({
          lotId,
          version,
          outcome: r.outcome,
          requestId: `${prefix}:vote:${s.attempt}`,
        });
        if (lot.selection === 'repeat_voting' && r.seriesEnded)
          // The meetings will not repeat it (their policy, or a cancellation): no quorum again.
          lot = await db.recordLotVote({
            lotId,
            version,
            outcome: r.outcome,
            requestId: `${prefix}:vote:${s.attempt}:ended`,
          });
        follow(lot);
        if (lot.selection === 'repeat_voting') {
          s.attempt++;
          items = r.items;
          wakeAt = Date.now();
          continue;
        }
        if (lot.selection === 'chosen') {
          const item = r.items.find((x) => x.organizationId === lot.organizationId)!;
          source = { meetingId: r.meetingId, agendaItemId: item.agendaItemId };
          s.tariff = lot.candidates.find((c) => c.organizationId === lot.organizationId)!.tariff;
        }
        break;
      }
    }
  }

  // The competition: published, bid on until its deadline, ranked, decided by the council.
  // A round nobody bids in is published again for another term: the council appoints from bids.
  if (s.selection === 'competition') {
    const first = resume?.competitionRound ?? 1;
    // A choice opened before the bound existed has none in its input and takes the default rather
    // than going unbounded: those are the runs most likely to be years into their rounds, and where
    // the history is cut no owner or organization sees. Their rounds already recorded still replay
    // as they ran, since patched() is false where a history has no marker of the patch.
    const perRun = policy.competitionRoundsPerRun ?? DEFAULT_LOT_POLICY.competitionRoundsPerRun;
    for (let round = first; ; round++) {
      const suffix = round === 1 ? '' : `:${round}`;
      const competitionClosesAt = Date.now() + policy.competitionDays * DAY_MS;
      await db.openLotCompetition({
        lotId,
        criteria: input.criteria,
        closesAt: competitionClosesAt,
        requestId: `${prefix}:competition${suffix}`,
      });
      s.competitionClosesAt = competitionClosesAt;
      await waitUntil(competitionClosesAt);
      const ranked = await db.rankLotCompetition({ lotId, requestId: `${prefix}:protocol${suffix}` });
      if (ranked.length > 0) {
        s.protocol = ranked;
        break;
      }
      if (round - first + 1 >= perRun && patched(COMPETITION_CONTINUED_PATCH)) {
        // No protocol in this run, so the update's validator has refused every appointment and no
        // handler is running; the wait is the rule before any run ends, and costs nothing here.
        await condition(allHandlersFinished);
        return continueAsNew<typeof lotChoice>({
          ...input,
          policy: { ...policy, competitionRoundsPerRun: perRun },
          resume: { competitionRound: round + 1, state: { ...s } },
        });
      }
    }
    await condition(() => s.selection === 'appointed');
  }

  // The owners are told who will manage their buildings, chosen by them or appointed by the council.
  if (patched(OWNERS_TOLD_PATCH))
    await db.tellLotOwners({
      lotId,
      version,
      outcome: source ? 'chosen' : 'appointed',
      organizationId: s.organizationId!,
      tariff: s.tariff!,
      termMonths: policy.contractTermMonths,
    });

  // The contracts, one per building, each with its own workflow.
  s.contractIds = await db.concludeLotContracts({
    lotId,
    version,
    organizationId: s.organizationId!,
    tariff: s.tariff!,
    termMonths: policy.contractTermMonths,
    source,
    representativeUserId: appointedBy ?? input.openedBy.userId,
    authority: source
      ? `decision of the general meeting over the buildings of the lot (meeting ${source.meetingId})`
      : 'decision of the district council after an open competition',
    now: Date.now(),
  });
  await Promise.all(
    s.contractIds.map((contractId) =>
      startChild(contractWorkflow.name, {
        taskQueue: input.queues.contracts,
        workflowId: contractWorkflowId(contractId),
        args: [{ contractId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      }),
    ),
  );
  await condition(allHandlersFinished);
  return s;
}
