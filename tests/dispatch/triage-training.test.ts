// Training is reproducible (same files, same bytes), a model file restores to the classifier that
// was trained, and the quality test has teeth: a model trained on a sliver of the data misses the target.
import { describe, expect, it } from 'vitest';
import { DISPATCH_CATEGORIES } from '../../domain/dispatch/triage.ts';
import { evaluate } from '../../domain/dispatch/triage-metrics.ts';
import { topicTokens } from '../../platform/triage/features.ts';
import {
  type LearnerParams,
  lengthScaled,
  restoreScorer,
  softmax,
  trainScorer,
} from '../../platform/triage/learners.ts';
import {
  argmaxLabel,
  emergencyThreshold,
  fitCalibration,
  readJsonl,
} from '../../scripts/lib/triage-training.ts';

const dataset = new URL('../../domain/dispatch/dataset/', import.meta.url);
const slice = readJsonl(new URL('train-b.jsonl', dataset))
  .slice(0, 120)
  .map((r) => ({ tokens: topicTokens(r.text), label: r.category }));
const LEARNERS: LearnerParams[] = [
  { learner: 'wink-naive-bayes-text-classifier', presence: true, smoothing: 0.1, minCount: 1 },
  { learner: 'wink-perceptron', iterations: 3, minCount: 1 },
];

describe('triage training', () => {
  for (const params of LEARNERS) {
    it(`${params.learner}: the same slice twice gives the same bytes, and they restore to the same scores`, () => {
      const first = trainScorer(DISPATCH_CATEGORIES, slice, params);
      const second = trainScorer(DISPATCH_CATEGORIES, slice, params);
      expect(JSON.stringify(second.exported)).toBe(JSON.stringify(first.exported));
      const restored = restoreScorer(
        DISPATCH_CATEGORIES,
        params.learner,
        JSON.parse(JSON.stringify(first.exported)),
      );
      for (const e of slice.slice(0, 20)) expect(restored.scores(e.tokens)).toEqual(first.scores(e.tokens));
    });
  }

  for (const params of LEARNERS) {
    it(`${params.learner}: the scores pick the label the library itself predicts`, () => {
      const scorer = trainScorer(DISPATCH_CATEGORIES, slice, params);
      const others = readJsonl(new URL('train-c.jsonl', dataset)).slice(0, 60);
      let compared = 0;
      for (const r of others) {
        const tokens = topicTokens(r.text);
        const library = scorer.libraryLabel(tokens);
        if (library === 'unknown') continue;
        compared++;
        expect(argmaxLabel(DISPATCH_CATEGORIES, scorer.scores(tokens))).toBe(library);
      }
      expect(compared).toBeGreaterThan(50);
    });
  }

  it("naive Bayes: the table's odds are wink's computeOdds", () => {
    const scorer = trainScorer(DISPATCH_CATEGORIES, slice, LEARNERS[0] as LearnerParams) as ReturnType<
      typeof trainScorer
    > & { oddsOf(tokens: string[]): number[] };
    for (const r of readJsonl(new URL('train-d.jsonl', dataset)).slice(0, 20)) {
      const tokens = topicTokens(r.text);
      const fast = scorer.scores(tokens);
      scorer.oddsOf(tokens).forEach((odds, i) => {
        expect(fast[i]).toBeCloseTo(odds, 6);
      });
    }
  });

  it('a model trained on 120 requests falls short of the category target on the held-out set', () => {
    const scorer = trainScorer(DISPATCH_CATEGORIES, slice, LEARNERS[0] as LearnerParams);
    const heldout = readJsonl(new URL('heldout.jsonl', dataset));
    const predicted = heldout.map((r) =>
      argmaxLabel(DISPATCH_CATEGORIES, scorer.scores(topicTokens(r.text))),
    );
    const e = evaluate(
      DISPATCH_CATEGORIES,
      heldout.map((r) => r.category),
      predicted,
    );
    expect(e.macroF1).toBeLessThan(0.85);
  });

  it("a length power divides a text's scores by its token count to that power (an empty text by 1)", () => {
    expect(lengthScaled([8, -4], 16, 0.5)).toEqual([2, -1]);
    expect(lengthScaled([8, -4], 0, 1)).toEqual([8, -4]);
    expect(lengthScaled([8, -4], 16, 0)).toEqual([8, -4]);
  });

  it('calibration finds the length power when the scores grow with the length and the certainty does not', () => {
    // Every text leans to label a by the same margin per token; a is right 8 times in 10 whatever
    // the length, so only scores divided by the full length give every text the same, true, 0.8.
    const labels = ['a', 'b'];
    const counts = Array.from({ length: 200 }, (_, i) => 1 + ((i * 37) % 150));
    const scores = counts.map((n) => [n, 0]);
    const truths = counts.map((_, i) => (i % 10 < 8 ? 'a' : 'b'));
    const fitted = fitCalibration(labels, truths, scores, counts);
    expect(fitted.lengthPower).toBe(1);
    const p = softmax(fitted.scaled[0] as number[], fitted.temperature)[0] as number;
    expect(p).toBeGreaterThan(0.7);
    expect(p).toBeLessThan(0.9);
  });

  it('the emergency threshold never rises above what the model alone needs for its share', () => {
    const labels = ['routine', 'urgent', 'emergency'];
    // 100 emergencies, emergency score rising with i; the rules catch all but the five strongest.
    const truths = Array.from({ length: 100 }, () => 'emergency');
    const scores = truths.map((_, i) => [0, 0, Math.log(0.01 + i / 60)]);
    const caught = truths.map((_, i) => i < 95);
    const probability = (i: number) => softmax(scores[i] as number[], 1)[2] as number;
    // With the rules alone deciding, one of 100 may be missed: the second-weakest uncaught sets it.
    const withRulesOnly = emergencyThreshold(labels, truths, scores, 1, 0.99, caught, 0);
    expect(withRulesOnly).toBe(Math.floor(probability(96) * 1000) / 1000);
    // The model alone must still find 97 of 100: the fourth-weakest sets it.
    const floored = emergencyThreshold(labels, truths, scores, 1, 0.99, caught, 0.97);
    expect(floored).toBe(Math.floor(probability(3) * 1000) / 1000);
    expect(floored).toBeLessThan(withRulesOnly);
  });
});
