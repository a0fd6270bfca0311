// Training is reproducible (same files, same bytes), a model file restores to the classifier that
// was trained, and the quality test has teeth: a model trained on a sliver of the data misses the target.
import { describe, expect, it } from 'vitest';
import { DISPATCH_CATEGORIES } from '../../domain/dispatch/triage.ts';
import { evaluate } from '../../domain/dispatch/triage-metrics.ts';
import { topicTokens } from '../../platform/triage/features.ts';
import { type LearnerParams, restoreScorer, trainScorer } from '../../platform/triage/learners.ts';
import { argmaxLabel, readJsonl } from '../../scripts/lib/triage-training.ts';

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
});
