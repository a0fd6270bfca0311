// The personal account number of an owner's share of an apartment: what the owner types into
// Payme or Click and writes in a bank transfer's purpose. Ten digits: a 9-digit serial the
// database assigns to the receivable account, zero-padded, then a Luhn check digit, so that any
// single mistyped digit and most swaps of two neighbours make an invalid number instead of
// crediting another owner. A billion accounts cover every apartment share in the country.

const ACCOUNT = /^\d{10}$/;

/** The Luhn check digit of a string of digits. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts from the rightmost digit of the payload, the one next to the check digit.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function personalAccountNumber(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > 999_999_999)
    throw new RangeError(`serial must be 1 to 999999999, got ${serial}`);
  const payload = String(serial).padStart(9, '0');
  return `${payload}${luhnDigit(payload)}`;
}

export const isPersonalAccount = (s: string): boolean =>
  ACCOUNT.test(s) && luhnDigit(s.slice(0, 9)) === Number(s[9]) && s !== '0000000000';

/** The serial back, or null when the number is not a valid personal account. */
export const personalAccountSerial = (s: string): number | null =>
  isPersonalAccount(s) ? Number(s.slice(0, 9)) : null;
