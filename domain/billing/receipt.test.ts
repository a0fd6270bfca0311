import { describe, expect, it } from 'vitest';
import { accrueApartment } from './accrual.ts';
import { DEFAULT_BILLING_POLICY as P } from './policy.ts';
import {
  buildingCode,
  buildReceipt,
  parseReceiptNumber,
  type ReceiptInput,
  receiptNumber,
  receiptSequence,
} from './receipt.ts';

const accruals = accrueApartment(
  '2026-08',
  'bld-1',
  {
    apartmentId: 'apt-1',
    areaHundredths: 5437,
    owners: [{ ownerId: 'own-a', ownerKind: 'person', share: { numerator: 1, denominator: 1 } }],
  },
  [
    { from: '2026-08-01', to: '2026-08-16', tiyinPerM2: 150_000, organizationId: 'org-1' },
    { from: '2026-08-16', to: '2026-09-01', tiyinPerM2: 165_000, organizationId: 'org-1' },
  ],
  'tiyin',
);

const input = (over: Partial<ReceiptInput> = {}): ReceiptInput => ({
  period: '2026-08',
  number: receiptNumber('2026-08', buildingCode('10:01:02:03:0045'), 42),
  ownerId: 'own-a',
  apartmentId: 'apt-1',
  personalAccount: '0000000422',
  opening: 8_155_500,
  accruals,
  payments: [
    { transferId: 'pay-2', date: '2026-07-31', amount: 3_000_000, channel: 'bank', reference: 'B-77' },
    { transferId: 'pay-1', date: '2026-07-10', amount: 5_000_000, channel: 'payme', reference: 'P-1' },
    { transferId: 'pay-3', date: '2026-08-01', amount: 1_000_000, channel: 'click', reference: 'C-9' },
  ],
  penalties: [{ transferId: 'pen-1', date: '2026-07-31', amount: 3_155, period: '2026-07' }],
  corrections: [
    { transferId: 'cor-1', date: '2026-07-20', amount: -10_000, reason: 'area corrected to 54.36 m²' },
  ],
  ...over,
});

describe('receipt numbers', () => {
  it('period, building code and a 6-digit sequence, parsed back', () => {
    const n = receiptNumber('2026-07', '100102030045', 42);
    expect(n).toBe('202607-100102030045-000042');
    expect(parseReceiptNumber(n)).toEqual({ period: '2026-07', code: '100102030045', sequence: 42 });
    expect(parseReceiptNumber('202613-100102030045-000042')).toBeNull();
    expect(parseReceiptNumber('202607-1001-42')).toBeNull();
    expect(() => receiptNumber('2026-07', 'ab', 1)).toThrow(/building code/);
    expect(() => receiptNumber('2026-07', 'AB', 1_000_000)).toThrow(/sequence/);
  });

  it('numbers owners by apartment in natural order, then owner id', () => {
    const owners = [
      { apartmentNumber: '10a', ownerId: 'x' },
      { apartmentNumber: '2', ownerId: 'z' },
      { apartmentNumber: '10', ownerId: 'y' },
      { apartmentNumber: '2', ownerId: 'b' },
      { apartmentNumber: '11', ownerId: 'a' },
    ];
    expect(receiptSequence(owners).map((o) => `${o.apartmentNumber}/${o.ownerId}`)).toEqual([
      '2/b',
      '2/z',
      '10/y',
      '10a/x',
      '11/a',
    ]);
  });
});

describe('receipt content', () => {
  it('opening debt, accrued lines, penalties, payments through the cut-off, corrections, total to pay', () => {
    const r = buildReceipt(input(), P);
    expect(r.countedThrough).toBe('2026-07-31');
    expect(r.dueDate).toBe('2026-08-15');
    expect(r.opening).toEqual({ debt: 8_155_500, advance: 0 });
    expect(r.accruals.map((l) => [l.from, l.to, l.days, l.areaHundredths, l.tiyinPerM2, l.amount])).toEqual([
      ['2026-08-01', '2026-08-16', 15, 5437, 150_000, 3_946_210],
      ['2026-08-16', '2026-09-01', 16, 5437, 165_000, 4_630_219],
    ]);
    expect(r.accrued).toBe(8_576_429);
    expect(r.payments.map((p) => p.transferId)).toEqual(['pay-1', 'pay-2']);
    expect(r.paid).toBe(8_000_000);
    expect(r.penaltiesTotal).toBe(3_155);
    expect(r.corrections).toEqual([
      { transferId: 'cor-1', date: '2026-07-20', amount: -10_000, reason: 'area corrected to 54.36 m²' },
    ]);
    // 8 155 500 + 8 576 429 + 3 155 − 10 000 − 8 000 000
    expect(r.closing).toBe(8_725_084);
    expect([r.toPay, r.advance]).toEqual([8_725_084, 0]);
    expect(r.carriedOver).toEqual(['pay-3']);
    expect(r.transferIds).toHaveLength(2 + 2 + 1 + 1);
  });

  it('an advance opening and an overpayment end in an advance, nothing to pay', () => {
    const r = buildReceipt(
      input({
        opening: -100_000,
        payments: [
          { transferId: 'p', date: '2026-07-05', amount: 9_000_000, channel: 'payme', reference: 'x' },
        ],
      }),
      P,
    );
    expect(r.opening).toEqual({ debt: 0, advance: 100_000 });
    expect(r.closing).toBe(-100_000 + 8_576_429 + 3_155 - 10_000 - 9_000_000);
    expect([r.toPay, r.advance]).toEqual([0, 530_416]);
  });

  it('an earlier cut-off day leaves later payments for the next receipt', () => {
    const r = buildReceipt(input(), { ...P, receiptPaymentsThroughDay: 25 });
    expect(r.countedThrough).toBe('2026-07-25');
    expect(r.payments.map((p) => p.transferId)).toEqual(['pay-1']);
    expect(r.carriedOver).toEqual(['pay-2', 'pay-3', 'pen-1']);
    // February has no 31st: the cut-off is its last day.
    expect(
      buildReceipt(input({ period: '2027-03', number: receiptNumber('2027-03', 'AB', 1), accruals: [] }), P)
        .countedThrough,
    ).toBe('2027-02-28');
  });

  it('is pure: the same inputs make the same receipt', () => {
    expect(buildReceipt(input(), P)).toEqual(buildReceipt(input(), P));
  });

  it('refuses another owner`s lines, a number of another month and a correction without reason', () => {
    expect(() => buildReceipt(input({ ownerId: 'own-b' }), P)).toThrow(/not this receipt/);
    expect(() => buildReceipt(input({ number: receiptNumber('2026-07', 'AB', 1) }), P)).toThrow(
      /not of 2026-08/,
    );
    expect(() =>
      buildReceipt(
        input({ corrections: [{ transferId: 'c', date: '2026-07-01', amount: 1, reason: ' ' }] }),
        P,
      ),
    ).toThrow(/no reason/);
  });
});
