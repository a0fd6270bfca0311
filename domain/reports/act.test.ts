import { describe, expect, it } from 'vitest';
import { quantityText, renderWorksActHtml, somText, type WorksActInput } from './act.ts';

const input: WorksActInput = {
  reportId: '0195f3a0-8c1e-7000-8000-000000000001',
  quarter: '2027-Q1',
  version: 2,
  date: '2027-03-20',
  building: { address: 'Yunusobod 4, <b>12</b>', cadastralNumber: '10:01:02:03:0004' },
  organization: { name: 'Toza Uy', tin: '301234567' },
  works: [
    {
      kind: 'emergency',
      element: 'water_supply',
      description: 'Riser replaced',
      quantityMilli: 12_500,
      unit: 'm',
      costTiyin: 125_000_050,
      doneOn: '2027-02-03',
    },
    {
      kind: 'planned',
      element: 'roof',
      description: 'Membrane',
      quantityMilli: 3_000,
      unit: 'm²',
      costTiyin: 50,
      doneOn: '2027-03-01',
    },
  ],
};

describe('the act of completed works', () => {
  it('is the same bytes for the same input', () => {
    expect(renderWorksActHtml(input)).toBe(renderWorksActHtml(structuredClone(input)));
  });

  it('lists each work with its quantity and cost, and the total, escaping what people typed', () => {
    const html = renderWorksActHtml(input);
    expect(html).toContain('<td>12.5 m</td>');
    expect(html).toContain('<td>1 250 000.50</td>');
    expect(html).toContain('<td colspan="6">Total</td><td>1 250 001.00</td>');
    expect(html).toContain('version 2, 2027-03-20');
    expect(html).toContain('Yunusobod 4, &lt;b&gt;12&lt;/b&gt;');
    expect(html).not.toContain('<b>12</b>');
  });

  it('changes with any figure, so a signature over one version does not fit another', () => {
    const changed = structuredClone(input);
    changed.works[1]!.costTiyin = 51;
    expect(renderWorksActHtml(changed)).not.toBe(renderWorksActHtml(input));
  });

  it('writes money and quantities without Intl', () => {
    expect(somText(0)).toBe('0.00');
    expect(somText(123_456_789_01)).toBe('123 456 789.01');
    expect(quantityText(1)).toBe('0.001');
    expect(quantityText(2000)).toBe('2');
  });
});
