// Who reads which part of a lot's choice. Offers are sealed while they can still change: during the
// window an organization sees only its own application and owners only how many applied; once it
// closes the candidates and their tariffs are the ballot, for everyone. Bids in the competition
// are sealed until its protocol, which then shows every bid's points; before it the council sees
// how many bid and an organization its own bid.
import { z } from '@hono/zod-openapi';
import type { ChoiceView } from '../../db/lots/choice-view.ts';

export type ChoiceReader =
  | { kind: 'officer' }
  | { kind: 'organization'; organizationId: string }
  | { kind: 'owner' };

export type ChoiceAnswer = Omit<ChoiceView, 'districtId'> & { candidateCount: number; bidCount: number };

export function choiceFor(v: ChoiceView, reader: ChoiceReader): ChoiceAnswer {
  const windowOpen = v.selection === 'applications';
  const sealedBids = v.protocol === null;
  const own = (id: string) => reader.kind === 'organization' && reader.organizationId === id;
  const { districtId: _, ...rest } = v;
  return {
    ...rest,
    candidateCount: v.candidates.length,
    bidCount: v.bids.length,
    candidates: windowOpen
      ? reader.kind === 'officer'
        ? v.candidates
        : v.candidates.filter((c) => own(c.organizationId))
      : v.candidates,
    bids: reader.kind === 'owner' ? [] : sealedBids ? v.bids.filter((b) => own(b.organizationId)) : v.bids,
  };
}

export const CandidateSchema = z
  .object({
    organizationId: z.uuid(),
    organizationName: z.string(),
    tariff: z.number().int().openapi({ description: 'Tiyin per m² a month' }),
    appliedAt: z.string(),
  })
  .openapi('LotCandidate');

const BidSchema = z
  .object({
    organizationId: z.uuid(),
    tariff: z.number().int(),
    programmeCommitment: z.number().int(),
    experienceYears: z.number().int(),
    submittedAt: z.string(),
  })
  .openapi('LotBid');

const RankedSchema = z
  .object({
    organizationId: z.uuid(),
    tariff: z.number().int(),
    programmeCommitment: z.number().int(),
    experienceYears: z.number().int(),
    rank: z.number().int(),
    points: z.object({
      tariff: z.number(),
      programme: z.number(),
      experience: z.number(),
      total: z.number(),
    }),
  })
  .passthrough()
  .openapi('LotRankedBid');

export const ChoiceSchema = z
  .object({
    lotId: z.uuid(),
    version: z.number().int(),
    approval: z.string(),
    selection: z.string(),
    applicationsCloseAt: z.string().nullable(),
    candidateCount: z.number().int(),
    candidates: z.array(CandidateSchema),
    meetingId: z.uuid().nullable().openapi({ description: "The lot-wide meeting's first attempt" }),
    competitionReason: z.string().nullable(),
    competition: z
      .object({
        version: z.number().int(),
        criteria: z.object({
          tariff: z.number(),
          programme: z.number(),
          experience: z.number(),
          experienceCapYears: z.number(),
        }),
        closesAt: z.string(),
      })
      .nullable(),
    bidCount: z.number().int(),
    bids: z.array(BidSchema),
    protocol: z.array(RankedSchema).nullable(),
    organizationId: z.uuid().nullable(),
    contractIds: z.array(z.uuid()),
  })
  .openapi('LotChoice');
