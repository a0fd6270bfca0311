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
import { addDays } from './period.ts';

export const VIOLATION_KINDS = ['income_without_transfer', 'transfer_without_income'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];
/** Where the other side of the comparison comes from: a provider's registry or the bank statement. */
export const VIOLATION_SOURCES = ['payme', 'click', 'bank'] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];
export type CardProvider = Exclude<Provider, 'bank'>;

/** A case as the API answers it and the widgets show it. */
export interface ViolationView {
  id: string;
  kind: ViolationKind;
  source: ViolationSource;
  /** Tiyin. */
  amount: number;
  /** The Tashkent day the money moved or was recorded. */
  occurredOn: string;
  /** The provider's transaction, the ledger transfer or the bank line it is about. */
  reference: string;
  status: 'open' | 'resolved';
  openedAt: string;
  resolvedAt: string | null;
  /** The organization's note when it resolved the case. */
  note: string | null;
}

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

/** A building's ledger payments through one provider on one day, net of reversals. */
export interface PaymentDay {
  buildingId: string;
  provider: CardProvider;
  day: string;
  /** Tiyin. */
  amount: number;
}

/** A provider's settlement transfer on the building's bank statement. */
export interface SettlementLine {
  lineId: string;
  buildingId: string;
  provider: CardProvider;
  valueDate: string;
  /** Tiyin. */
  amount: number;
}

/** An incoming line of a building's bank statement, with what the ledger holds for it. */
export interface IncomingLine {
  lineId: string;
  buildingId: string;
  kind: 'owner_payment' | 'provider_settlement' | 'other';
  /** 'unmatched': waiting in the organization's queue, the owner's income not yet recorded. */
  status: string;
  valueDate: string;
  /** Tiyin. */
  amount: number;
  /** Its receipt transfer is posted on the ledger. */
  recorded: boolean;
}

export interface BankInputs {
  /** Per building, the first value date its imported statements cover: nothing before is judged. */
  coverage: ReadonlyMap<string, string>;
  /**
   * Payment days of the covered buildings from `lagDays` before their coverage through `asOf`:
   * days before the coverage only absorb the settlements that paid them.
   */
  payments: readonly PaymentDay[];
  /** Every settlement line of those buildings through `asOf`. */
  settlements: readonly SettlementLine[];
  /** Incoming lines to check: the recent ones and those still unmatched. */
  lines: readonly IncomingLine[];
  /** Ledger payments through the bank (the cash desk) of the day, and whether a line carries each. */
  bankPayments: readonly (LedgerPayment & { onStatement: boolean })[];
}

const pairKey = (buildingId: string, provider: string) => `${buildingId}|${provider}`;

/**
 * The bank statements against the ledger as of `asOf`. Settlements are matched to payment days
 * oldest first, per building and provider (a provider's lump transfer names no payments, and its
 * purpose text is not a contract), so:
 * - a day's payments still not covered once `settlementLagDays` have passed are an income without
 *   its transfer, for the uncovered rest, named by the day;
 * - settlements beyond every payment the ledger holds through `asOf` are money without its
 *   income, attributed to the latest settlement lines, named by the line.
 * Incoming lines whose receipt is not on the ledger, and owners' payments left unmatched past
 * `unassignedLineDays`, are money without its income; a cash-desk payment on the ledger that no
 * line of a statement carries is an income without its transfer.
 */
export function reconcileBank(
  asOf: string,
  policy: { settlementLagDays: number; unassignedLineDays: number },
  input: BankInputs,
): Discrepancy[] {
  const out: Discrepancy[] = [];
  const dueBy = addDays(asOf, -policy.settlementLagDays);
  const pairs = new Map<string, { days: PaymentDay[]; lines: SettlementLine[] }>();
  const pair = (buildingId: string, provider: string) => {
    const k = pairKey(buildingId, provider);
    let p = pairs.get(k);
    if (!p) {
      p = { days: [], lines: [] };
      pairs.set(k, p);
    }
    return p;
  };
  for (const d of input.payments) if (d.day <= asOf) pair(d.buildingId, d.provider).days.push(d);
  for (const l of input.settlements) if (l.valueDate <= asOf) pair(l.buildingId, l.provider).lines.push(l);
  for (const { days, lines } of pairs.values()) {
    let remaining = lines.reduce((s, l) => s + l.amount, 0);
    for (const d of [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
      const covered = Math.min(remaining, Math.max(d.amount, 0));
      remaining -= covered;
      const uncovered = d.amount - covered;
      const from = input.coverage.get(d.buildingId);
      if (uncovered > 0 && d.day <= dueBy && from !== undefined && d.day >= from)
        out.push({
          kind: 'income_without_transfer',
          source: 'bank',
          buildingId: d.buildingId,
          amount: uncovered,
          occurredOn: d.day,
          reference: `settlement:${d.provider}:${d.buildingId}:${d.day}`,
        });
    }
    const latestFirst = [...lines].sort((a, b) =>
      a.valueDate !== b.valueDate ? (a.valueDate < b.valueDate ? 1 : -1) : a.lineId < b.lineId ? 1 : -1,
    );
    for (const l of latestFirst) {
      if (remaining <= 0) break;
      const part = Math.min(remaining, l.amount);
      remaining -= part;
      out.push({
        kind: 'transfer_without_income',
        source: 'bank',
        buildingId: l.buildingId,
        amount: part,
        occurredOn: l.valueDate,
        reference: `bank-line:${l.lineId}`,
      });
    }
  }
  const unassignedBy = addDays(asOf, -policy.unassignedLineDays);
  const flagged = new Set(out.map((d) => d.reference));
  for (const l of input.lines) {
    const reference = `bank-line:${l.lineId}`;
    if (l.valueDate > asOf || flagged.has(reference)) continue;
    const late = l.kind === 'owner_payment' && l.status === 'unmatched' && l.valueDate <= unassignedBy;
    if (!l.recorded || late) {
      flagged.add(reference);
      out.push({
        kind: 'transfer_without_income',
        source: 'bank',
        buildingId: l.buildingId,
        amount: l.amount,
        occurredOn: l.valueDate,
        reference,
      });
    }
  }
  for (const p of input.bankPayments)
    if (!p.onStatement && p.amount > 0 && p.paidOn <= asOf)
      out.push({
        kind: 'income_without_transfer',
        source: 'bank',
        buildingId: p.buildingId,
        amount: p.amount,
        occurredOn: p.paidOn,
        reference: `ledger:${p.transferId}`,
      });
  return out;
}
