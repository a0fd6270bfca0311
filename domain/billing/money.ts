// Money is an integer count of tiyin (1 so'm = 100 tiyin), never a float. Amounts are JS numbers
// guarded to be safe integers (|x| ≤ 2^53 − 1 ≈ 9.0e15 tiyin = 90 trillion so'm, far above any
// building's or provider's figure); any product or quotient on the way (area × tariff × days,
// amount × rate × days) is taken in bigint and only its rounded result comes back as a number.

export type Tiyin = number;
export const TIYIN_PER_SOM = 100;
export type Locale = 'uz' | 'ru' | 'en';

export const isTiyin = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export function assertTiyin(v: unknown, field: string): asserts v is number {
  if (!isTiyin(v)) throw new RangeError(`${field} must be an integer number of tiyin, got ${String(v)}`);
}

export function assertPositiveTiyin(v: unknown, field: string): asserts v is number {
  assertTiyin(v, field);
  if (v <= 0) throw new RangeError(`${field} must be more than 0 tiyin, got ${v}`);
}

/** A bigint result back to a number, refused rather than silently rounded past 2^53. */
export function toTiyin(v: bigint, field = 'amount'): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${field} ${v} tiyin is beyond the safe integer range`);
  return Number(v);
}

export function sumTiyin(values: Iterable<number>, field = 'sum'): number {
  let sum = 0n;
  for (const v of values) {
    assertTiyin(v, field);
    sum += BigInt(v);
  }
  return toTiyin(sum, field);
}

/**
 * Charges are rounded half away from zero (so a correction of −x rounds as the charge of x did)
 * to a multiple of the unit: 1 tiyin, or 100 tiyin for deployments that bill whole so'm.
 */
export type Rounding = 'tiyin' | 'som';
export const roundingUnit = (r: Rounding): number => (r === 'som' ? TIYIN_PER_SOM : 1);

/** num / den rounded half away from zero to a multiple of `unit`. */
export function divRound(num: bigint, den: bigint, unit = 1n): bigint {
  if (den <= 0n || unit <= 0n) throw new RangeError('divisor and unit must be positive');
  const d = den * unit;
  const q = num / d; // truncates toward zero
  const r = num % d;
  const abs = r < 0n ? -r : r;
  return (2n * abs >= d ? q + (num < 0n ? -1n : 1n) : q) * unit;
}

export type Parsed = { ok: true; tiyin: number } | { ok: false; error: string };

const fail = (error: string): Parsed => ({ ok: false, error });

function fromParts(negative: boolean, whole: string, fraction: string): Parsed {
  if (fraction.length > 2)
    return fail(`more than 2 decimal places: '${fraction}' (tiyin are the smallest unit)`);
  const abs = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (abs > BigInt(Number.MAX_SAFE_INTEGER)) return fail('amount is too large');
  const tiyin = Number(abs);
  return { ok: true, tiyin: negative && tiyin !== 0 ? -tiyin : tiyin };
}

const MACHINE = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A machine decimal of so'm, as Click sends it ("5000.00", "5000.5", "5000"), parsed exactly:
 * no grouping, '.' only, at most 2 decimals.
 */
export function parseDecimalSom(text: string): Parsed {
  const m = MACHINE.exec(text);
  if (!m) return fail(`not a decimal amount of so'm: '${text}'`);
  return fromParts(m[1] === '-', m[2]!, m[3] ?? '');
}

/** "5000.00": the machine form of an amount. */
export function formatDecimalSom(tiyin: number): string {
  assertTiyin(tiyin, 'amount');
  const abs = Math.abs(tiyin);
  return `${tiyin < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const SPACES = /[\u00a0\u202f\u2009]/g;

/**
 * A human amount of so'm as people and bank exports write it: "1 234,50", "1234.50", "1234",
 * "-12,3"; in English also "1,234.50". Digits may be grouped by threes with spaces (any kind);
 * the decimal separator is ',' or '.', except in English where ',' only groups. Anything
 * ambiguous or with more than 2 decimals is refused, never rounded.
 */
export function parseSom(text: string, locale?: Locale): Parsed {
  let s = text.trim().replace(SPACES, ' ');
  const negative = s.startsWith('-') || s.startsWith('\u2212');
  if (negative) s = s.slice(1);
  const decimals = locale === 'en' ? ['.'] : ['.', ','];
  const at = Math.max(...decimals.map((d) => s.lastIndexOf(d)));
  const whole = at >= 0 ? s.slice(0, at) : s;
  const fraction = at >= 0 ? s.slice(at + 1) : '';
  if (at >= 0 && !/^\d+$/.test(fraction)) return fail(`not an amount of so'm: '${text}'`);
  const grouped = locale === 'en' ? /^\d{1,3}(?:([ ,])\d{3})?(?:\1\d{3})*$/ : /^\d{1,3}(?: \d{3})*$/;
  if (!/^\d+$/.test(whole) && !grouped.test(whole)) return fail(`not an amount of so'm: '${text}'`);
  return fromParts(negative, whole.replace(/[ ,]/g, ''), fraction);
}

/**
 * "1 234,50" in Uzbek and Russian (no-break space between groups, so a PDF never wraps inside an
 * amount; decimal comma), "1,234.50" in English. Always two decimals: receipts show tiyin.
 */
export function formatSom(tiyin: number, locale: Locale): string {
  assertTiyin(tiyin, 'amount');
  const abs = Math.abs(tiyin);
  const [group, decimal] = locale === 'en' ? [',', '.'] : ['\u00a0', ','];
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${tiyin < 0 ? '-' : ''}${whole}${decimal}${String(abs % 100).padStart(2, '0')}`;
}
