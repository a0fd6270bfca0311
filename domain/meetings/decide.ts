// Quorum and majorities over exact integer vote weights. Weights are whole "vote units" (see
// weights.ts), so every threshold is a cross-multiplication of integers and a boundary such as
// exactly two thirds is decided exactly, never by floating-point luck.
import type { AgendaItemKind, MajorityRule, MeetingPolicy } from './policy.ts';

export const CHOICES = ['for', 'against', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

export interface ItemTotals {
  itemId: string;
  kind: AgendaItemKind;
  for: number;
  against: number;
  abstain: number;
}

export interface TallyInput {
  /** Weight of the whole electorate (all owners, voting or not). */
  totalWeight: number;
  /** Weight of the owners who cast at least one counted ballot. */
  participatingWeight: number;
  items: ItemTotals[];
}

export interface ItemDecision extends ItemTotals {
  rule: MajorityRule;
  accepted: boolean;
}

export interface Decision {
  quorumReached: boolean;
  totalWeight: number;
  participatingWeight: number;
  items: ItemDecision[];
}

function assertWeight(name: string, w: number): void {
  if (!Number.isSafeInteger(w) || w < 0)
    throw new RangeError(`${name} must be a non-negative safe integer, got ${w}`);
}

export function quorumReached(policy: MeetingPolicy, participating: number, total: number): boolean {
  const { numerator: n, denominator: d } = policy.quorumShare;
  // "more than n/d of all votes": participating / total > n / d
  return total > 0 && participating * d > total * n;
}

export function itemAccepted(
  rule: MajorityRule,
  t: Omit<ItemTotals, 'itemId' | 'kind'>,
  total: number,
): boolean {
  const cast = t.for + t.against + t.abstain;
  switch (rule) {
    case 'majority_of_cast':
      return cast > 0 && 2 * t.for > cast;
    case 'majority_of_all':
      return 2 * t.for > total;
    case 'two_thirds_of_all':
      return total > 0 && 3 * t.for >= 2 * total;
  }
}

/** Without quorum nothing is accepted, whatever the item totals say. */
export function decide(policy: MeetingPolicy, input: TallyInput): Decision {
  assertWeight('totalWeight', input.totalWeight);
  assertWeight('participatingWeight', input.participatingWeight);
  const quorum = quorumReached(policy, input.participatingWeight, input.totalWeight);
  return {
    quorumReached: quorum,
    totalWeight: input.totalWeight,
    participatingWeight: input.participatingWeight,
    items: input.items.map((item) => {
      for (const c of CHOICES) assertWeight(`${item.itemId}.${c}`, item[c]);
      const rule = policy.rules[item.kind];
      return { ...item, rule, accepted: quorum && itemAccepted(rule, item, input.totalWeight) };
    }),
  };
}
