// Lines of a bank statement of a building's account (CSV or a 1C export, split into cells by the
// caller), and what each incoming payment's purpose says about whose it is. The purpose is free
// text typed by the payer or a bank clerk, so it yields candidates with a confidence, and only an
// unambiguous valid personal account is matched without a person: everything else goes to the
// organization's queue of unmatched payments, never to a guessed owner.
import type { ImportError } from '../common/import-error.ts';
import { parseSom } from './money.ts';
import { isDate } from './period.ts';
import { isPersonalAccount } from './personal-account.ts';

export type Confidence = 'high' | 'medium' | 'low';

export type Candidate =
  /** A 10-digit personal account: high when labelled and valid, medium when valid but bare, low when its check digit fails. */
  | { kind: 'personal_account'; account: string; valid: boolean; confidence: Confidence; text: string }
  /** A labelled number of another length: an account of the previous manager, mapped by the organization. */
  | { kind: 'legacy_account'; number: string; confidence: 'medium'; text: string }
  /** An apartment number in this building: medium when the only one, low when several are named. */
  | { kind: 'apartment'; number: string; confidence: 'medium' | 'low'; text: string };

const NOT_LETTER = '(?<![\\p{L}\\d])';
const ACCOUNT_LABEL =
  'л\\s*\\/\\s*с|л\\.\\s*с\\.?|лс|лиц(?:евой)?\\.?\\s*сч[её]т\\p{L}*|l\\s*\\/\\s*s|ls|sh\\s*\\/\\s*h|sh\\.\\s*h\\.?|shaxsiy\\s+hisob\\p{L}*|account|acc';
const APARTMENT_LABEL = 'кв(?:артир\\p{L}*)?|kv(?:artir\\p{L}*)?|xonadon\\p{L}*|хонадон\\p{L}*|apt|apartment';
const SEPARATOR = '\\.?\\s*[:№#]?\\s*';
const LABELLED_ACCOUNT = new RegExp(`${NOT_LETTER}(?:${ACCOUNT_LABEL})${SEPARATOR}(\\d{5,14})(?!\\d)`, 'giu');
const APARTMENT = new RegExp(
  `${NOT_LETTER}(?:${APARTMENT_LABEL})${SEPARATOR}(\\d{1,4}(?:[a-zа-я](?![\\p{L}]))?)(?![\\d])`,
  'giu',
);
const BARE_TEN_DIGITS = /(?<!\d)(\d{10})(?!\d)/g;

/** What a payment's purpose may say about whose payment it is, in the order written. */
export function purposeCandidates(purpose: string): Candidate[] {
  const text = purpose.replace(/[\u00a0\u202f]/g, ' ').replace(/ё/gi, 'е');
  const found: (Candidate & { at: number })[] = [];
  const labelled = new Set<number>();
  for (const m of text.matchAll(LABELLED_ACCOUNT)) {
    const digits = m[1]!;
    labelled.add(m.index + m[0].length - digits.length);
    if (digits.length === 10) {
      const valid = isPersonalAccount(digits);
      found.push({
        kind: 'personal_account',
        account: digits,
        valid,
        confidence: valid ? 'high' : 'low',
        text: m[0],
        at: m.index,
      });
    } else
      found.push({ kind: 'legacy_account', number: digits, confidence: 'medium', text: m[0], at: m.index });
  }
  for (const m of text.matchAll(BARE_TEN_DIGITS)) {
    // A bare ten-digit number may be anything (a phone, a contract): taken only when valid.
    if (labelled.has(m.index) || !isPersonalAccount(m[1]!)) continue;
    found.push({
      kind: 'personal_account',
      account: m[1]!,
      valid: true,
      confidence: 'medium',
      text: m[0],
      at: m.index,
    });
  }
  const apartments = [...text.matchAll(APARTMENT)].map((m) => ({
    number: m[1]!.toLowerCase(),
    text: m[0],
    at: m.index,
  }));
  const several = new Set(apartments.map((a) => a.number)).size > 1;
  for (const a of apartments)
    found.push({
      kind: 'apartment',
      number: a.number,
      confidence: several ? 'low' : 'medium',
      text: a.text,
      at: a.at,
    });
  return found.sort((a, b) => a.at - b.at).map(({ at, ...c }) => c);
}

/**
 * The personal account to credit without asking anyone: exactly one distinct labelled, valid
 * account and no other account number in the purpose. Apartment numbers never decide alone (an
 * apartment has co-owners, and the number may be of another building); the caller checks an
 * apartment named beside the account is the account's own.
 */
export function autoMatch(candidates: readonly Candidate[]): string | null {
  const accounts = new Set(
    candidates.flatMap((c) =>
      c.kind === 'personal_account' ? [c.account] : c.kind === 'legacy_account' ? [c.number] : [],
    ),
  );
  const high = candidates.find((c) => c.kind === 'personal_account' && c.confidence === 'high');
  return high && accounts.size === 1 && high.kind === 'personal_account' ? high.account : null;
}

export interface StatementLine {
  row: number;
  date: string;
  amount: number;
  payer: string;
  purpose: string;
  /** The bank's reference of the transaction: the idempotency key of its import. */
  reference: string;
}

export const STATEMENT_COLUMNS = ['date', 'amount', 'payer', 'purpose', 'reference'] as const;
const FIRST_RECORD_ROW = 2;

/** 'YYYY-MM-DD', or 'DD.MM.YYYY' as 1C exports it. */
function readDate(s: string): string | null {
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s);
  const iso = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : s;
  return isDate(iso) ? iso : null;
}

/**
 * Incoming payments of a statement, or every problem by row and column at once. Only credits are
 * imported: a line with a negative amount is the account's own spending, recorded elsewhere.
 */
export function validateStatement(
  header: readonly string[],
  records: readonly Readonly<Record<string, string | undefined>>[],
): { ok: true; lines: StatementLine[] } | { ok: false; errors: ImportError[] } {
  const names = header.map((h) => h.trim());
  const missing = STATEMENT_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0)
    return { ok: false, errors: missing.map((field) => ({ row: 1, field, message: 'column is missing' })) };
  const errors: ImportError[] = [];
  const lines: StatementLine[] = [];
  const firstRowOf = new Map<string, number>();
  records.forEach((cells, i) => {
    const row = FIRST_RECORD_ROW + i;
    const cell = (f: string) => (cells[f] ?? '').trim();
    const bad = (field: string, message: string) => {
      errors.push({ row, field, message });
    };
    const date = readDate(cell('date'));
    if (!date) bad('date', "must be a date 'YYYY-MM-DD' or 'DD.MM.YYYY'");
    const amount = parseSom(cell('amount'));
    if (!amount.ok) bad('amount', amount.error);
    else if (amount.tiyin <= 0) bad('amount', 'must be more than 0: only incoming payments are imported');
    if (cell('payer') === '') bad('payer', 'is empty');
    const reference = cell('reference');
    if (reference === '') bad('reference', 'is empty');
    else if (firstRowOf.has(reference)) bad('reference', `duplicate of row ${firstRowOf.get(reference)}`);
    else firstRowOf.set(reference, row);
    if (
      date &&
      amount.ok &&
      amount.tiyin > 0 &&
      cell('payer') !== '' &&
      reference !== '' &&
      firstRowOf.get(reference) === row
    )
      lines.push({
        row,
        date,
        amount: amount.tiyin,
        payer: cell('payer'),
        purpose: cell('purpose'),
        reference,
      });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}

/** Which way money moved on the building's account. */
export const BANK_LINE_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type BankLineDirection = (typeof BANK_LINE_DIRECTIONS)[number];
/** An owner's payment, a payment provider's lump transfer of what it collected, or anything else. */
export const BANK_LINE_KINDS = ['owner_payment', 'provider_settlement', 'other'] as const;
export type BankLineKind = (typeof BANK_LINE_KINDS)[number];
/** The providers that settle to a building's account by bank transfer. */
export const SETTLEMENT_PROVIDERS = ['payme', 'click'] as const;
export type SettlementProvider = (typeof SETTLEMENT_PROVIDERS)[number];
/**
 * matched: posted to an owner by the purpose alone; unmatched: waiting in the organization's
 * queue; assigned: posted to the owner a person chose; settlement: a provider's transfer;
 * ignored: outgoing, recorded only.
 */
export const BANK_LINE_STATUSES = ['matched', 'unmatched', 'assigned', 'settlement', 'ignored'] as const;
export type BankLineStatus = (typeof BANK_LINE_STATUSES)[number];
