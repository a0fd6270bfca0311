import { describe, expect, it } from 'vitest';
import {
  BUILDING_ELEMENTS,
  type ElementAssessment,
  latestByElement,
  validateAssessment,
} from './assessment.ts';

const NOW = Date.UTC(2026, 10, 24, 9);
const good = {
  element: 'roof',
  wearPercent: 45,
  defects: [{ description: ' leaks over entrance 2 ', critical: false }],
  inspectorId: 'insp-1',
  assessedAt: NOW - 1000,
};

describe('validateAssessment', () => {
  it('accepts a complete assessment and trims texts', () => {
    const r = validateAssessment(good, NOW);
    expect(r).toEqual({
      ok: true,
      assessment: { ...good, defects: [{ description: 'leaks over entrance 2', critical: false }] },
    });
  });

  it('accepts the bounds 0 and 100 and no defects', () => {
    expect(validateAssessment({ ...good, wearPercent: 0, defects: [] }, NOW).ok).toBe(true);
    expect(validateAssessment({ ...good, wearPercent: 100 }, NOW).ok).toBe(true);
    expect(validateAssessment({ ...good, assessedAt: NOW }, NOW).ok).toBe(true);
  });

  it('names every bad field', () => {
    const r = validateAssessment(
      {
        element: 'balcony',
        wearPercent: 100.5,
        defects: [{ description: '  ', critical: 'yes' }, null],
        inspectorId: '',
        assessedAt: NOW + 1,
      },
      NOW,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual([
      'element',
      'wearPercent',
      'defects.0.description',
      'defects.0.critical',
      'defects.1',
      'inspectorId',
      'assessedAt',
    ]);
  });

  it('refuses negative, non-numeric wear and a missing defect list', () => {
    for (const wearPercent of [-0.1, Number.NaN, '50']) {
      const r = validateAssessment({ ...good, wearPercent }, NOW);
      expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['wearPercent']);
    }
    const r = validateAssessment({ ...good, defects: undefined }, NOW);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['defects']);
  });

  it('knows nine elements', () => {
    expect(BUILDING_ELEMENTS).toHaveLength(9);
  });
});

describe('latestByElement', () => {
  const a = (element: ElementAssessment['element'], assessedAt: number, wearPercent: number) => ({
    element,
    assessedAt,
    wearPercent,
    defects: [],
    inspectorId: 'i',
  });
  it('takes the latest per element, the later entry on a tie', () => {
    const latest = latestByElement([a('roof', 2, 10), a('roof', 1, 20), a('gas', 5, 1), a('gas', 5, 2)]);
    expect(latest.roof?.wearPercent).toBe(10);
    expect(latest.gas?.wearPercent).toBe(2);
    expect(latest.facade).toBeUndefined();
  });
});
