// The receipt PDF in each language, read back as text with unpdf: the figures and words a reader
// checks (owner, period, area × tariff, payments through the cut-off, a correction with its
// reason, the total to pay, the payment link), Uzbek Latin and Cyrillic intact, and the same
// snapshot giving the same bytes.
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { accrueApartment } from '../../domain/billing/accrual.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { buildReceipt, receiptNumber } from '../../domain/billing/receipt.ts';
import type { ReceiptSnapshot } from '../../domain/billing/receipt-document.ts';
import { renderReceiptPdf } from '../../platform/billing/receipt-pdf.ts';

const accruals = accrueApartment(
  '2026-08',
  'bld-1',
  {
    apartmentId: 'apt-1',
    areaHundredths: 5437,
    owners: [{ ownerId: 'own-a', ownerKind: 'person', share: { numerator: 1, denominator: 1 } }],
  },
  [{ from: '2026-08-01', to: '2026-09-01', tiyinPerM2: 165_000, organizationId: 'org-1' }],
  'tiyin',
);
const receipt = buildReceipt(
  {
    period: '2026-08',
    number: receiptNumber('2026-08', '100102030045', 7),
    ownerId: 'own-a',
    apartmentId: 'apt-1',
    personalAccount: '0000000422',
    opening: 1_500_000,
    accruals,
    payments: [
      { transferId: 'p1', date: '2026-07-10', amount: 1_000_000, channel: 'payme', reference: 'P-1' },
    ],
    penalties: [],
    corrections: [{ transferId: 'c1', date: '2026-07-20', amount: -25_000, reason: 'maydon tuzatildi' }],
  },
  DEFAULT_BILLING_POLICY,
);
const snapshot: ReceiptSnapshot = {
  receipt,
  parties: {
    ownerName: "Karimov Aziz Rustam o'g'li — Ғайратов",
    address: 'Toshkent, Yunusobod 4-kvartal, 13-uy',
    apartmentNumber: '42',
    share: '1/1',
    buildingCode: '100102030045',
    organizationName: 'Obod Uy MChJ',
    payee: { tin: '301234567', bankAccount: '20208000900123456001', bankName: null },
  },
  payUrl: 'http://127.0.0.1:3000/pay/202608-100102030045-000007?t=abc',
  madeAt: '2026-08-01T00:05:00.000Z',
};
const SHA = 'a'.repeat(64);

const textOf = async (pdf: Uint8Array) =>
  (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(
    /\s+/g,
    ' ',
  );

describe('receipt PDF', () => {
  it('prints the receipt in Uzbek, Russian and English', async () => {
    const expected = {
      uz: ['Majburiy badallar boʻyicha kvitansiya', 'avgust 2026', 'Toʻlash kerak', '15.08.2026', 'soʻm'],
      ru: ['Квитанция по обязательным взносам', 'август 2026', 'К оплате', 'Долг на начало периода', 'сум'],
      en: [
        'Receipt for mandatory contributions',
        'August 2026',
        'To pay',
        'Debt at the start of the period',
        'UZS',
      ],
    } as const;
    for (const lang of ['uz', 'ru', 'en'] as const) {
      const pdf = await renderReceiptPdf(snapshot, SHA, lang);
      const text = await textOf(pdf);
      for (const words of expected[lang]) expect(text, lang).toContain(words);
      expect(text).toContain('202608-100102030045-000007');
      expect(text).toContain("Karimov Aziz Rustam o'g'li — Ғайратов");
      expect(text).toContain(snapshot.payUrl);
      expect(text).toContain('maydon tuzatildi');
      expect(text).toContain('0000000422');
      expect(text).toContain(`SHA-256 ${SHA}`);
      // 54.37 m² × 1 650 so'm = 89 710.50 so'm; 15 000 + 89 710.50 − 10 000 − 250 = 94 460.50
      expect(receipt.toPay).toBe(9_446_050);
      expect(text).toContain(lang === 'en' ? '54.37 m² × UZS 1,650.00/m²' : '54,37 m²');
      expect(text).toContain(lang === 'en' ? 'UZS 94,460.50' : '94 460,50');
      const meta = await getMeta(await getDocumentProxy(new Uint8Array(pdf)));
      expect(meta.info.Keywords).toBe(`sha256:${SHA}`);
    }
  });

  it('gives the same bytes for the same snapshot', async () => {
    const [a, b] = await Promise.all([
      renderReceiptPdf(snapshot, SHA, 'ru'),
      renderReceiptPdf(snapshot, SHA, 'ru'),
    ]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
