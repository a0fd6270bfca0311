import { describe, expect, it } from 'vitest';
import { renderLotDecisionAct } from './decision-act.ts';

const input = {
  lotId: '00000000-0000-4000-8000-000000000001',
  districtName: 'Yunusobod tumani',
  councilName: 'Yunusobod tumani xalq deputatlari Kengashi',
  lotNumber: 2,
  version: 3,
  date: '2026-12-06',
  apartments: 7412,
  buildings: [{ id: 'b1', address: 'Yunusobod 4-mavze, 12-uy <A>' }],
  decidedBy: { userId: 'u1', name: 'Karimov A.' },
};

describe('the act of the council decision on a lot', () => {
  it('says what was approved, escaped, and gives the same bytes for the same input', () => {
    const html = renderLotDecisionAct(input);
    expect(html).toContain('Decision approving lot 2 of Yunusobod tumani, version 3');
    expect(html).toContain('1 buildings with 7412 apartments');
    expect(html).toContain('12-uy &lt;A&gt;');
    expect(renderLotDecisionAct({ ...input })).toBe(html);
    expect(renderLotDecisionAct({ ...input, version: 4 })).not.toBe(html);
  });
});
