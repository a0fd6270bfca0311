// The committed triage model, with the emergency rules in front of it, judged on the held-out
// requests against the targets (counted as `npm run judge:triage` counts them). Retraining
// to a worse model fails here.
import { describe, expect, it } from 'vitest';
import { loadTriageModel } from '../../platform/triage/model.ts';
import { judge } from '../../scripts/lib/triage-judge.ts';
import { readJsonl } from '../../scripts/lib/triage-training.ts';

const heldout = readJsonl(new URL('../../domain/dispatch/dataset/heldout.jsonl', import.meta.url));

describe('the committed triage model on the held-out set', () => {
  const model = loadTriageModel();
  const judged = judge(model, heldout);

  it('reads all 544 held-out requests', () => {
    expect(heldout).toHaveLength(544);
    expect(model.version).toMatch(/^triage-[0-9a-f]{12}$/);
  });

  it('category macro-F1 ≥ 0.85', () => {
    expect(judged.category.macroF1).toBeGreaterThanOrEqual(0.85);
  });

  it('emergency recall ≥ 0.98', () => {
    expect(judged.emergencyRecall).toBeGreaterThanOrEqual(0.98);
  });

  it('language accuracy ≥ 0.97', () => {
    expect(judged.language.accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('answers a confidence in 0..1 for each label and the top categories best first', () => {
    for (const { classification: c } of judged.answers) {
      for (const s of [c.language, c.category, c.urgency, ...c.categoryTop]) {
        expect(s.confidence).toBeGreaterThanOrEqual(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
      }
      expect(c.categoryTop[0]).toEqual(c.category);
      const confidences = c.categoryTop.map((s) => s.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    }
  });
});
