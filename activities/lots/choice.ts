// Activities of a lot's owners' choice (workflows/lots/choice.ts): the window opened and closed by
// the lot's reducer, the lot-wide meeting called and read back, the result recorded, the
// competition published, ranked and decided, and the contracts concluded. Each is keyed by the
// workflow's step, so a retry changes nothing twice. The owners are told the outcome through
// notifications: one mailing per lot version (its key), each owner in it once, so a retry adds nobody twice.

import { appointWinner, openCompetition, rankCompetition } from '../../db/lots/choice-competition.ts';
import { concludeLotContracts } from '../../db/lots/choice-contracts.ts';
import { callLotVote, readLotVote } from '../../db/lots/choice-vote.ts';
import { lotOutcomeFacts, lotOwners } from '../../db/lots/owners.ts';
import { applyToLot } from '../../db/lots/repository.ts';
import type { InitiateMeetingInput } from '../../db/meetings/public.ts';
import { type MessageText, notify } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import type { CandidateItem } from '../../domain/lots/choice.ts';
import type { CompetitionCriteria } from '../../domain/lots/competition.ts';
import { type OwnersOutcome, renderOwnersNotice } from '../../domain/lots/owners-notice.ts';
import type { LotState, VoteOutcome } from '../../domain/lots/status.ts';
import { LOT_FAILURES } from '../../workflows/lots/contract.ts';
import { ruledBy } from '../rule-failure.ts';

const ruled = ruledBy(LOT_FAILURES);

/** Owners per notify statement: a lot has thousands; each page is one bounded insert. */
export const OWNERS_PAGE = 1000;

/** The mailing of a lot version's outcome: one per version, so a retried activity adds to the same one. */
export const lotOutcomeMailingKey = (lotId: string, version: number) => `lot:${lotId}:v${version}:outcome`;

export function createLotChoiceActivities({
  orm,
  meetingPolicy,
  portalUrl,
}: {
  orm: Orm;
  /** The deployment's meeting policy, which the lot's meeting is called under. */
  meetingPolicy: InitiateMeetingInput['policy'];
  /** The portal the contracts' signing mail links to. */
  portalUrl: string;
}) {
  const step = async (
    input: { lotId: string; version: number; requestId: string },
    command:
      | { type: 'open_applications'; closesAt: number }
      | { type: 'close_applications' }
      | { type: 'record_vote'; outcome: VoteOutcome },
    party: 'officer' | 'system',
    actorUserId: string | null,
  ): Promise<LotState> =>
    (await ruled(applyToLot(orm.em.fork(), { ...input, command, party, actorUserId, now: new Date() })))
      .state;

  return {
    openLotApplications: (i: {
      lotId: string;
      version: number;
      closesAt: number;
      actorUserId: string;
      requestId: string;
    }) => step(i, { type: 'open_applications', closesAt: i.closesAt }, 'officer', i.actorUserId),

    closeLotApplications: (i: { lotId: string; version: number; requestId: string }) =>
      step(i, { type: 'close_applications' }, 'system', null),

    callLotVote: (i: {
      lotId: string;
      version: number;
      meetingId: string;
      council: { userId: string; name: string; districtId: string };
      votingDays: number;
    }) => ruled(callLotVote(orm.em.fork(), { ...i, meetingPolicy, now: Date.now() })),

    readLotVote: (i: { seriesId: string; attempt: number; items: CandidateItem[] }) =>
      ruled(readLotVote(orm.em.fork(), i)),

    recordLotVote: (i: { lotId: string; version: number; outcome: VoteOutcome; requestId: string }) =>
      step(i, { type: 'record_vote', outcome: i.outcome }, 'system', null),

    openLotCompetition: (i: {
      lotId: string;
      criteria: CompetitionCriteria;
      closesAt: number;
      requestId: string;
    }) => ruled(openCompetition(orm.em.fork(), i)),

    rankLotCompetition: (i: { lotId: string; requestId: string }) => ruled(rankCompetition(orm.em.fork(), i)),

    appointLotWinner: (i: {
      lotId: string;
      organizationId: string;
      actorUserId: string;
      requestId: string;
    }) => ruled(appointWinner(orm.em.fork(), i)),

    concludeLotContracts: (i: Parameters<typeof concludeLotContracts>[1]) =>
      ruled(concludeLotContracts(orm.em.fork(), i, portalUrl)),

    /** Tells every owner of the lot's buildings who will manage them, chosen or appointed, and at what tariff. */
    async tellLotOwners(i: {
      lotId: string;
      version: number;
      outcome: OwnersOutcome;
      organizationId: string;
      tariff: number;
      termMonths: number;
    }): Promise<{ owners: number }> {
      const facts = await ruled(lotOutcomeFacts(orm.em.fork(), i.lotId, i.organizationId));
      const texts = Object.fromEntries(
        LANGUAGES.map((lang): [Language, MessageText] => [
          lang,
          renderOwnersNotice(lang, { ...facts, lotNumber: facts.number, ...i }),
        ]),
      ) as Record<Language, MessageText>;
      let owners = 0;
      let after: string | undefined;
      for (;;) {
        const page = await lotOwners(orm.em.fork(), i.lotId, { afterPersonId: after, limit: OWNERS_PAGE });
        if (page.length === 0) break;
        await notify(
          orm.em.fork(),
          {
            kind: 'lot_update',
            organizationId: i.organizationId,
            texts,
            idempotencyKey: lotOutcomeMailingKey(i.lotId, i.version),
            recipients: page.map((o) => ({ personId: o.personId, buildingId: o.buildingId })),
          },
          new Date(),
        );
        owners += page.length;
        after = page.at(-1)!.personId;
        if (page.length < OWNERS_PAGE) break;
      }
      return { owners };
    },
  };
}

export type LotChoiceActivities = ReturnType<typeof createLotChoiceActivities>;
