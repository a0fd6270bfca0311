// The contract's PDF copy: a real PDF, Cyrillic and Uzbek Latin text that a reader extracts as
// written, the signed HTML's SHA-256 in its metadata, and the same bytes for the same input.
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { type ContractDocumentInput, renderContractHtml } from '../../domain/contracts/document.ts';
import { documentSha256Hex } from '../../domain/signatures/ecdsa.ts';
import { renderContractPdf } from '../../platform/contracts/pdf.ts';

const lease: ContractDocumentInput = {
  number: 'MU-2026-000123',
  kind: 'common_property_lease',
  change: 'conclusion',
  version: 1,
  date: '2026-11-25',
  buildings: [{ id: 'b1', address: 'Юнусабад 4-квартал, 13-дом', cadastralNumber: '10:01:02:03:0004' }],
  owners: {
    representativeName: 'Shoira Toʻxtayeva',
    authority: 'decision of the general meeting of 2026-11-20, item 2',
  },
  counterparty: { name: 'ООО «Маиший хизмат»', tin: '302345678', role: 'lessee' },
  organization: { name: '"Obod Uy" MChJ', tin: '301234567' },
  parameters: {
    premises: { kind: 'basement', description: 'Yertoʻla, 1-podyezd', areaM2: 42.5 },
    purpose: 'Маиший хизмат маркази',
    monthlyRentUzs: 1_500_000,
    termMonths: 11,
    startDate: '2026-12-01',
  },
};

const htmlSha256 = (input: ContractDocumentInput, lang: 'uz' | 'ru' | 'en') =>
  documentSha256Hex(new TextEncoder().encode(renderContractHtml(input, lang)));

describe('contract PDF', () => {
  for (const lang of ['uz', 'ru', 'en'] as const) {
    it(`renders in ${lang} with Cyrillic and Uzbek Latin text, naming the HTML's SHA-256`, async () => {
      const pdf = await renderContractPdf(lease, lang);
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      const sha = await htmlSha256(lease, lang);
      const { info } = await getMeta(new Uint8Array(pdf));
      expect(info.Subject).toContain(sha);
      expect(info.Keywords).toContain(sha);
      const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true }))
        .text;
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Юнусабад 4-квартал, 13-дом');
      expect(flat).toContain('ООО «Маиший хизмат»');
      expect(flat).toContain('Shoira Toʻxtayeva');
      expect(flat).toContain('MU-2026-000123');
    });
  }

  it('gives the same bytes for the same input and different ones when the document changes', async () => {
    const a = await renderContractPdf(lease, 'ru');
    const b = await renderContractPdf(structuredClone(lease), 'ru');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const changed = await renderContractPdf(
      { ...lease, parameters: { ...lease.parameters, monthlyRentUzs: 1_600_000 } },
      'ru',
    );
    expect(Buffer.from(changed).equals(Buffer.from(a))).toBe(false);
    const { info } = await getMeta(new Uint8Array(a));
    expect(info.Title).toBe('Договор аренды общего имущества № MU-2026-000123');
  });
});
