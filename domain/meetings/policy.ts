// The general-meeting rules as data (docs/domain/meetings.md). Every value is a
// default that a region, building or meeting may override; the tag says where it comes from.
// [model] values follow the Russian Housing Code (arts. 44–48, 47.1), which Uzbek practice
// mirrors, until Uzbek law publishes its own.

export const AGENDA_ITEM_KINDS = [
  'ordinary',
  'management_method',
  'management_organization',
  'capital_repair',
  'reconstruction',
  'common_property_use',
  'land_plot_limits',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const MAJORITY_RULES = ['majority_of_cast', 'majority_of_all', 'two_thirds_of_all'] as const;
/**
 * majority_of_cast: more than half of the votes cast on the item (for + against + abstain);
 * majority_of_all: more than half of all votes in the electorate;
 * two_thirds_of_all: at least two thirds of all votes in the electorate.
 */
export type MajorityRule = (typeof MAJORITY_RULES)[number];

export const MEETING_KINDS = ['annual', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_FORMS = ['electronic', 'absentee', 'in_person', 'mixed'] as const;
export type MeetingForm = (typeof MEETING_FORMS)[number];

export type VoteWeighting = 'area' | 'apartment';

export interface MeetingPolicy {
  /** Days between the notice and the opening of the vote. [model] ≥ 10 days */
  noticeDays: number;
  /**
   * How much later than planned the notices may finish going out before the vote is moved to
   * keep the full notice period. [design] 24 hours: a bulk send on the planned day still counts.
   * Optional because meetings stored before it existed carry policies without it.
   */
  noticeDeliveryGraceHours?: number;
  /** Length of electronic voting chosen by the initiator. [model, art. 47.1] 7–60 days */
  votingMinDays: number;
  votingMaxDays: number;
  /** 1 m² = 1 vote by default; per apartment as an option. [model] */
  weighting: VoteWeighting;
  /** Quorum: owners holding more than this share of all votes took part. [model] > 50 % */
  quorumShare: { numerator: number; denominator: number };
  /** Majority rule by agenda item kind. [model, art. 46] */
  rules: Record<AgendaItemKind, MajorityRule>;
  /** Share of all votes owners need to call an extraordinary meeting. [model / news] ≥ 10 % */
  extraordinaryInitiativeShare: { numerator: number; denominator: number };
  /** What happens without quorum. [model] repeat as an absentee vote with fresh notice */
  noQuorum: 'repeat' | 'fail';
  /** How many repeats before the meeting fails for good. [design] */
  maxRepeats: number;
  /** Days to sign the protocol and send it to the management organization. [model] 10 */
  protocolDays: number;
  /** Months in which a decision can be challenged in court. [model] 6 */
  appealWindowMonths: number;
  /** Hours before the close at which owners who have not voted are reminded. [design] */
  reminderHoursBeforeClose: number[];
}

export const DEFAULT_MEETING_POLICY: MeetingPolicy = {
  noticeDays: 10,
  noticeDeliveryGraceHours: 24,
  votingMinDays: 7,
  votingMaxDays: 60,
  weighting: 'area',
  quorumShare: { numerator: 1, denominator: 2 },
  rules: {
    ordinary: 'majority_of_cast',
    management_method: 'majority_of_all',
    management_organization: 'majority_of_all',
    capital_repair: 'two_thirds_of_all',
    reconstruction: 'two_thirds_of_all',
    common_property_use: 'two_thirds_of_all',
    land_plot_limits: 'two_thirds_of_all',
  },
  extraordinaryInitiativeShare: { numerator: 1, denominator: 10 },
  noQuorum: 'repeat',
  maxRepeats: 1,
  protocolDays: 10,
  appealWindowMonths: 6,
  reminderHoursBeforeClose: [72, 24],
};

export type MeetingPolicyOverrides = Partial<Omit<MeetingPolicy, 'rules'>> & {
  rules?: Partial<Record<AgendaItemKind, MajorityRule>>;
};

/** Layers overrides (region, then building, then meeting) over the defaults. */
export function resolvePolicy(...layers: (MeetingPolicyOverrides | undefined)[]): MeetingPolicy {
  let policy = DEFAULT_MEETING_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    policy = { ...policy, ...layer, rules: { ...policy.rules, ...layer.rules } };
  }
  return policy;
}

export const ruleFor = (policy: MeetingPolicy, kind: AgendaItemKind): MajorityRule => policy.rules[kind];
