import { describe, expect, it } from 'vitest';
import { debtCalculation } from './court.ts';
import { type CourtClaimLetterInput, courtClaimMail } from './court-letter.ts';
import { deliveryRecorded, missingForPackage, tashkentStamp } from './court-package.ts';
import { DEFAULT_BILLING_POLICY as P } from './policy.ts';

const letter: CourtClaimLetterInput = {
  number: '0000000422-20261020',
  ownerName: 'Karimov Aziz',
  address: 'Toshkent, Yunusobod 4-kvartal, 13-uy',
  apartmentNumber: '42',
  personalAccount: '0000000422',
  organizationName: 'Obod Uy MChJ',
  payee: { tin: '301234567', bankAccount: '20208000900123456001', bankCode: '00014' },
  calculation: debtCalculation(
    [
      { period: '2026-07', accrued: 500_000, paid: 100_000, penalty: 60_000, penaltyPaid: 10_000 },
      { period: '2026-09', accrued: 800_000, paid: 0, penalty: 0, penaltyPaid: 0 },
    ],
    '2026-10-20',
    P,
  ),
  answerBy: '2026-11-19',
  acknowledgeUrl: 'http://portal.test/court-claims/c1/acknowledge?t=abc',
};

describe('debt claim letter', () => {
  it('says what is owed by period with penalties beside, how to pay, by when, and links the acknowledgement', () => {
    const expected = {
      uz: [
        'Qarzdorlik toʻgʻrisida talabnoma',
        'iyul 2026 (toʻlov muddati 15.07.2026): badal 4 000,00 soʻm; penya 500,00 soʻm',
        '19.11.2026',
        'STIR 301234567',
      ],
      ru: [
        'Претензия о задолженности',
        'июль 2026 (срок оплаты 15.07.2026): взнос 4 000,00 сум; пеня 500,00 сум',
        'до 19.11.2026 включительно',
        'ИНН 301234567',
      ],
      en: [
        'Debt claim No.',
        'July 2026 (due 15.07.2026): contribution UZS 4,000.00; penalty UZS 500.00',
        'by 19.11.2026 inclusive',
        'TIN 301234567',
      ],
    } as const;
    for (const lang of ['uz', 'ru', 'en'] as const) {
      const { subject, text } = courtClaimMail(letter, lang);
      const flat = `${subject}\n${text}`.replace(/\s+/g, ' ');
      for (const words of expected[lang]) expect(flat, lang).toContain(words);
      expect(text).toContain(letter.acknowledgeUrl);
      expect(text).toContain('0000000422');
      // 4 000 + 500 + 8 000 so'm.
      expect(letter.calculation.totals.owed).toBe(1_250_000);
      expect(courtClaimMail(letter, lang)).toEqual({ subject, text });
    }
    expect(courtClaimMail({ ...letter, payee: null }, 'en').text).toContain('pay through the app');
  });

  it('prints instants on Tashkent’s clock', () => {
    expect(tashkentStamp('2026-10-20T19:05:09.123Z')).toBe('21.10.2026 00:05:09 UTC+5');
  });

  it('names what the court package still needs', () => {
    const none = { mail: null, notice: null, acknowledged: null, paper: null };
    expect(deliveryRecorded(none)).toBe(false);
    // A notice tried on every channel and printed on the notice board proves nothing; one that a
    // channel delivered does.
    const tried = {
      status: 'printed',
      delivered: null,
      printedAt: '2026-10-22T10:00:00.000Z',
      attempts: [
        {
          channel: 'telegram',
          address: '42',
          state: 'failed',
          queuedAt: '2026-10-21T10:00:00.000Z',
          sentAt: null,
          deliveredAt: null,
          error: 'blocked',
        },
      ],
    };
    expect(deliveryRecorded({ ...none, notice: tried })).toBe(false);
    const byTelegram = {
      ...tried,
      status: 'done',
      printedAt: null,
      delivered: { channel: 'telegram', address: '42', at: '2026-10-21T10:00:01.000Z' },
    };
    expect(deliveryRecorded({ ...none, notice: byTelegram })).toBe(true);
    expect(missingForPackage({ delivery: none, decision: null, contract: null })).toEqual([
      'delivery',
      'meeting_decision',
      'management_contract',
    ]);
    expect(
      missingForPackage({
        delivery: none,
        decision: null,
        contract: null,
        calculation: debtCalculation([], '2026-10-20', P),
      }),
    ).toEqual(['debt_paid', 'delivery', 'meeting_decision', 'management_contract']);
    const paper = { ...none, paper: { deliveredOn: '2026-10-21', scanReference: 's', recordedAt: 'x' } };
    expect(missingForPackage({ delivery: paper, decision: null, contract: null })).toEqual([
      'meeting_decision',
      'management_contract',
    ]);
  });
});
