// The committed triage model, with the emergency rules in front of it, judged on the held-out
// requests against the targets. Retraining to a worse model fails here.
import { describe, expect, it } from 'vitest';
import { triage } from '../../domain/dispatch/emergency-rules.ts';
import { DISPATCH_CATEGORIES, REQUEST_LANGUAGES } from '../../domain/dispatch/triage.ts';
import { evaluate, recallOf } from '../../domain/dispatch/triage-metrics.ts';
import { DEFAULT_TRIAGE_POLICY } from '../../domain/dispatch/triage-policy.ts';
import { loadTriageModel } from '../../platform/triage/model.ts';
import { readJsonl } from '../../scripts/lib/triage-training.ts';

const heldout = readJsonl(new URL('../../domain/dispatch/dataset/heldout.jsonl', import.meta.url));

describe('the committed triage model on the held-out set', () => {
  const model = loadTriageModel();
  const decided = heldout.map((r) => {
    const classification = model.classify(r.text);
    return { classification, decision: triage(classification, r.text, DEFAULT_TRIAGE_POLICY) };
  });

  it('reads all 544 held-out requests', () => {
    expect(heldout).toHaveLength(544);
    expect(model.version).toMatch(/^triage-[0-9a-f]{12}$/);
  });

  it('category macro-F1 ≥ 0.85', () => {
    const e = evaluate(
      DISPATCH_CATEGORIES,
      heldout.map((r) => r.category),
      decided.map((d) => d.decision.category.value),
    );
    expect(e.macroF1).toBeGreaterThanOrEqual(0.85);
  });

  it('emergency recall ≥ 0.98', () => {
    const recall = recallOf(
      'emergency',
      heldout.map((r) => r.urgency),
      decided.map((d) => d.decision.urgency.value),
    );
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('language accuracy ≥ 0.97', () => {
    const e = evaluate(
      REQUEST_LANGUAGES,
      heldout.map((r) => r.lang),
      decided.map((d) => d.classification.language.value),
    );
    expect(e.accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('answers a confidence in 0..1 for each label and the top categories best first', () => {
    for (const { classification: c } of decided) {
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
