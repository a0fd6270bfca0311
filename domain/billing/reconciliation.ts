// Reconciliation: what the payment providers say they collected, and what the bank says arrived,
// against what the ledger recorded. Every income must be recorded only through the system's
// billing (docs/domain/billing.md); anything else is an accounting violation, opened as a case
// for the building's management organization and visible to its district's council and inspection.
//
// Vocabulary (the two kinds of case, from the ledger's point of view):
// - 'income_without_transfer': the ledger recorded an income that no money transfer backs — a
//   provider payment the provider does not know (or knows for less), a provider payment never
//   settled to the building's bank account once the policy's settlement lag has passed.
// - 'transfer_without_income': money moved that the ledger has no income for — a transaction the
//   provider performed for us that never reached the ledger (an unrecorded income), a settlement
//   or incoming bank line with no ledger record.
// An amount that differs is the difference, as the case of the side that has more.
//
// Pure: callers load the ledger's side, the providers' registries and the bank's lines; the
// result is a list of discrepancies, each with a reference that names it for good, so a re-run of
// the same day finds the same references and opens nothing twice.
import type { Provider } from './ledger.ts';

export const VIOLATION_KINDS = ['income_without_transfer', 'transfer_without_income'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];
/** Where the other side of the comparison comes from: a provider's registry or the bank statement. */
export const VIOLATION_SOURCES = ['payme', 'click', 'bank'] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];
export type CardProvider = Exclude<Provider, 'bank'>;

export interface Discrepancy {
  kind: ViolationKind;
  source: ViolationSource;
  /** The building whose books are wrong; null when nothing names one (an unknown personal account). */
  buildingId: string | null;
  /** Tiyin, > 0. */
  amount: number;
  /** The Tashkent day the money moved or was recorded. */
  occurredOn: string;
  /** Names the discrepancy for good: a provider's transaction id, a ledger transfer, a bank line. */
  reference: string;
}

/** A provider payment as the ledger holds it, net of its reversal. */
export interface LedgerPayment {
  transferId: string;
  provider: Provider;
  /** The provider's transaction id; null for a payment posted without one. */
  providerId: string | null;
  buildingId: string | null;
  /** Tiyin: the payment less what its reversal gave back (0 once reversed). */
  amount: number;
  /** The Tashkent day the money came in (detail.paidOn). */
  paidOn: string;
}

/** One transaction in a provider's registry of a day. */
export interface ProviderTransaction {
  provider: CardProvider;
  id: string;
  /** The Tashkent day the provider performed it. */
  day: string;
  /** Tiyin. */
  amount: number;
  /** Cancelled after it was performed: the provider took the money back. */
  cancelled: boolean;
  /** The building of the personal account it paid, as our registry of accounts resolves it. */
  buildingId: string | null;
}

const netOf = (t: ProviderTransaction) => (t.cancelled ? 0 : t.amount);

/**
 * One provider's registry against the ledger for `day`. `registry` holds the provider's
 * transactions of `day` and may hold those of neighbouring days: a payment performed at 23:59:59
 * by the provider's clock may be dated the next day on the ledger, so those only serve to match,
 * never open a case of their own here (their own day's run judges them). `ledger` holds the
 * provider's ledger payments of `day` and any other the registry's ids name.
 */
export function reconcileProvider(
  day: string,
  provider: CardProvider,
  registry: readonly ProviderTransaction[],
  ledger: readonly LedgerPayment[],
): Discrepancy[] {
  const out: Discrepancy[] = [];
  const mine = ledger.filter((p) => p.provider === provider);
  const byProviderId = new Map<string, LedgerPayment[]>();
  for (const p of mine)
    if (p.providerId !== null) byProviderId.set(p.providerId, [...(byProviderId.get(p.providerId) ?? []), p]);
  const known = new Set<string>();
  for (const t of registry) {
    if (t.provider !== provider) continue;
    known.add(t.id);
    if (t.day !== day) continue;
    const recorded = byProviderId.get(t.id) ?? [];
    const diff = netOf(t) - recorded.reduce((s, p) => s + p.amount, 0);
    if (diff === 0) continue;
    out.push({
      kind: diff > 0 ? 'transfer_without_income' : 'income_without_transfer',
      source: provider,
      buildingId: recorded[0]?.buildingId ?? t.buildingId,
      amount: Math.abs(diff),
      occurredOn: day,
      reference: `${provider}:${t.id}`,
    });
  }
  for (const p of mine) {
    if (p.paidOn !== day || p.amount <= 0) continue;
    if (p.providerId !== null && known.has(p.providerId)) continue;
    out.push({
      kind: 'income_without_transfer',
      source: provider,
      buildingId: p.buildingId,
      amount: p.amount,
      occurredOn: day,
      reference: p.providerId === null ? `ledger:${p.transferId}` : `${provider}:${p.providerId}`,
    });
  }
  return out;
}
