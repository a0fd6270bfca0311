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
  /** The line of the file as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** The value date, 'YYYY-MM-DD' (the bank's day, in Tashkent). */
  date: string;
  direction: BankLineDirection;
  /** Tiyin, > 0; the direction says which way. */
  amount: number;
  /** The payer of an incoming line, the recipient of an outgoing one. */
  payer: string;
  /** The counterparty's bank account, digits and letters only, or null when not given. */
  account: string | null;
  purpose: string;
  /** The bank's document number or transaction reference. */
  reference: string;
}

/**
 * The columns of a statement, by their English names; a header may name them in English,
 * Russian or Uzbek (STATEMENT_ALIASES), in any order, in any case. `amount` is signed (negative:
 * money left the account); a bank export with separate `debit` and `credit` columns gives those
 * instead, one of them filled on each line. `account` is optional.
 */
export const STATEMENT_COLUMNS = ['date', 'amount', 'payer', 'purpose', 'reference'] as const;
export const STATEMENT_OPTIONAL_COLUMNS = ['account', 'debit', 'credit'] as const;
type Column = (typeof STATEMENT_COLUMNS)[number] | (typeof STATEMENT_OPTIONAL_COLUMNS)[number];

/** Header names as Uzbek and Russian bank exports write them. */
export const STATEMENT_ALIASES: Readonly<Record<string, Column>> = {
  дата: 'date',
  'дата валютирования': 'date',
  'дата операции': 'date',
  sana: 'date',
  сумма: 'amount',
  summa: 'amount',
  дебет: 'debit',
  debet: 'debit',
  кредит: 'credit',
  kredit: 'credit',
  плательщик: 'payer',
  контрагент: 'payer',
  "to'lovchi": 'payer',
  tolovchi: 'payer',
  kontragent: 'payer',
  counterparty: 'payer',
  счет: 'account',
  'счет контрагента': 'account',
  hisob: 'account',
  'hisob raqami': 'account',
  назначение: 'purpose',
  'назначение платежа': 'purpose',
  "to'lov maqsadi": 'purpose',
  'tolov maqsadi': 'purpose',
  'номер документа': 'reference',
  номер: 'reference',
  'hujjat raqami': 'reference',
  document: 'reference',
};
const FIRST_RECORD_ROW = 2;
const ACCOUNT = /^[0-9A-Z]{5,34}$/;

/** The column a header cell names, or null for a column the import does not read. */
export function statementColumn(name: string): Column | null {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .replace(/[ʻʼ‘’`]/g, "'");
  if ((STATEMENT_COLUMNS as readonly string[]).includes(n)) return n as Column;
  if ((STATEMENT_OPTIONAL_COLUMNS as readonly string[]).includes(n)) return n as Column;
  return STATEMENT_ALIASES[n] ?? null;
}

/** 'YYYY-MM-DD', or 'DD.MM.YYYY' as 1C exports it. */
function readDate(s: string): string | null {
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s);
  const iso = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : s;
  return isDate(iso) ? iso : null;
}

/**
 * Every line of a statement, incoming and outgoing, or every problem by row and column at once:
 * one bad line refuses the file, so a statement is never half imported.
 */
export function validateStatement(
  header: readonly string[],
  records: readonly Readonly<Record<string, string | undefined>>[],
  /** Today in Tashkent: a bank has not moved money on a later day. */
  today?: string,
): { ok: true; lines: StatementLine[] } | { ok: false; errors: ImportError[] } {
  const columnOf = new Map<Column, string>();
  const headerErrors: ImportError[] = [];
  for (const name of header) {
    const column = statementColumn(name);
    if (column === null) continue;
    if (columnOf.has(column))
      headerErrors.push({
        row: 1,
        field: column,
        message: `named twice: '${columnOf.get(column)}', '${name}'`,
      });
    else columnOf.set(column, name);
  }
  const split = columnOf.has('debit') && columnOf.has('credit');
  if (!split && (columnOf.has('debit') || columnOf.has('credit')))
    headerErrors.push({
      row: 1,
      field: columnOf.has('debit') ? 'credit' : 'debit',
      message: 'column is missing: debit and credit come together',
    });
  if (split && columnOf.has('amount'))
    headerErrors.push({ row: 1, field: 'amount', message: 'give either amount or debit and credit' });
  const required = STATEMENT_COLUMNS.filter((c) => c !== 'amount' || !split);
  for (const field of required)
    if (!columnOf.has(field) && !(field === 'amount' && (columnOf.has('debit') || columnOf.has('credit'))))
      headerErrors.push({ row: 1, field, message: 'column is missing' });
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };
  const errors: ImportError[] = [];
  const lines: StatementLine[] = [];
  const firstRowOf = new Map<string, number>();
  records.forEach((cells, i) => {
    const row = FIRST_RECORD_ROW + i;
    const cell = (f: Column) => {
      const name = columnOf.get(f);
      return name === undefined ? '' : (cells[name] ?? '').trim();
    };
    const before = errors.length;
    const bad = (field: string, message: string) => {
      errors.push({ row, field, message });
    };
    const date = readDate(cell('date'));
    if (!date) bad('date', "must be a date 'YYYY-MM-DD' or 'DD.MM.YYYY'");
    else if (today !== undefined && date > today) bad('date', `must not be after today, ${today}`);
    let signed = 0;
    if (split) {
      const [debit, credit] = [cell('debit'), cell('credit')];
      if ((debit === '') === (credit === '')) bad('amount', 'exactly one of debit and credit is filled');
      else {
        const field = debit !== '' ? 'debit' : 'credit';
        const parsed = parseSom(debit !== '' ? debit : credit);
        if (!parsed.ok) bad(field, parsed.error);
        else if (parsed.tiyin <= 0) bad(field, 'must be more than 0');
        else signed = field === 'debit' ? -parsed.tiyin : parsed.tiyin;
      }
    } else {
      const parsed = parseSom(cell('amount'));
      if (!parsed.ok) bad('amount', parsed.error);
      else if (parsed.tiyin === 0) bad('amount', 'must not be 0: positive came in, negative went out');
      else signed = parsed.tiyin;
    }
    const payer = cell('payer');
    if (payer === '') bad('payer', 'is empty');
    else if (payer.length > 300) bad('payer', 'is longer than 300 characters');
    const account = cell('account').replace(/\s+/g, '').toUpperCase();
    if (account !== '' && !ACCOUNT.test(account)) bad('account', 'must be 5 to 34 letters and digits');
    const reference = cell('reference');
    if (reference === '') bad('reference', 'is empty');
    else if (reference.length > 100) bad('reference', 'is longer than 100 characters');
    else if (firstRowOf.has(reference)) bad('reference', `duplicate of row ${firstRowOf.get(reference)}`);
    else firstRowOf.set(reference, row);
    const purpose = cell('purpose');
    if (purpose.length > 2000) bad('purpose', 'is longer than 2000 characters');
    if (errors.length === before && date)
      lines.push({
        row,
        date,
        direction: signed > 0 ? 'incoming' : 'outgoing',
        amount: Math.abs(signed),
        payer,
        account: account === '' ? null : account,
        purpose,
        reference,
      });
  });
  if (records.length === 0)
    errors.push({ row: FIRST_RECORD_ROW, field: 'row', message: 'the statement has no lines' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}

/**
 * Who sends a building's account the money a payment provider collected: its bank accounts and
 * the words its name is written with. A deployment lists the providers' real accounts in
 * BILLING_POLICY; names are the fallback when a bank's export leaves the account out.
 */
export interface SettlementSenders {
  accounts: string[];
  names: string[];
}
export type SettlementPolicy = Record<SettlementProvider, SettlementSenders>;

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\d]+/u)
    .filter((w) => w !== '');

/**
 * What an imported line is: outgoing lines are the account's own spending (recorded, not
 * posted: the expenses are posted where they are decided); an incoming line from a provider's
 * account, or from a counterparty named as the provider, is its settlement; any other incoming
 * line is taken for an owner's payment.
 */
export function classifyLine(
  line: Pick<StatementLine, 'direction' | 'payer' | 'account'>,
  senders: SettlementPolicy,
): { kind: BankLineKind; provider: SettlementProvider | null } {
  if (line.direction === 'outgoing') return { kind: 'other', provider: null };
  const payerWords = words(line.payer);
  for (const provider of SETTLEMENT_PROVIDERS) {
    const s = senders[provider];
    if (line.account !== null && s.accounts.includes(line.account))
      return { kind: 'provider_settlement', provider };
  }
  for (const provider of SETTLEMENT_PROVIDERS) {
    const named = senders[provider].names.some((n) => {
      const name = words(n);
      return name.length > 0 && payerWords.some((_, i) => name.every((w, j) => payerWords[i + j] === w));
    });
    if (named) return { kind: 'provider_settlement', provider };
  }
  return { kind: 'owner_payment', provider: null };
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
