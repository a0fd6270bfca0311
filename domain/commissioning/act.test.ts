import { describe, expect, it } from 'vitest';
import { type ActInput, renderActHtml } from './act.ts';

const input: ActInput = {
  kind: 'solar_transfer',
  applicationId: 'a1',
  date: '2026-11-25',
  building: { cadastralNumber: '10:09:01:02:0003', address: 'Yangi <Hayot> 7' },
  developer: { name: 'Qurilish & Invest', tin: '200000001' },
  organization: { name: 'Yangi Uy MChJ', tin: '300000002' },
  panels: { count: 40, capacityKw: 16.4 },
};

describe('renderActHtml', () => {
  it('gives the same bytes for the same input, escaped, without Intl', () => {
    const html = renderActHtml(input);
    expect(renderActHtml(structuredClone(input))).toBe(html);
    expect(html).toContain('40 panels of 16.40 kW');
    expect(html).toContain('Yangi &lt;Hayot&gt; 7');
    expect(html).toContain('Qurilish &amp; Invest, TIN 200000001');
  });

  it('names the building by its number alone before the passport, and tells the kinds apart', () => {
    const engagement = renderActHtml({
      ...input,
      kind: 'management_engagement',
      building: { ...input.building, address: null },
    });
    expect(engagement).toContain('engages the organization to manage');
    expect(engagement).toContain('at cadastral number 10:09:01:02:0003');
    expect(engagement).not.toContain('panels');
  });
});
