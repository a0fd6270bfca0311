// Choosing a triage classifier's settings by cross-validation over the training files alone: each
// file was written by another writer, so leaving one file out asks how the model reads a writer
// it never learnt from, which is what the held-out set (and every resident) asks of it.
import { readFileSync } from 'node:fs';
import { evaluate } from '../../domain/dispatch/triage-metrics.ts';
import {
  type Example,
  type LearnerParams,
  lengthScaled,
  softmax,
  trainScorer,
} from '../../platform/triage/learners.ts';

export interface LabelledRequest {
  text: string;
  lang: string;
  category: string;
  urgency: string;
}

export function readJsonl(path: string | URL): LabelledRequest[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledRequest);
}

export interface Fold {
  train: Example[];
  test: Example[];
}

/** One fold per training file: train on the others, score the one left out. */
export function leaveOneFileOut(files: Example[][]): Fold[] {
  return files.map((test, i) => ({ test, train: files.filter((_, j) => j !== i).flat() }));
}

/** Out-of-fold raw scores of every training example, in the folds' order. */
export function outOfFoldScores(
  labels: readonly string[],
  folds: Fold[],
  params: LearnerParams,
): { truths: string[]; scores: number[][] } {
  const truths: string[] = [];
  const scores: number[][] = [];
  for (const fold of folds) {
    const scorer = trainScorer(labels, fold.train, params);
    for (const e of fold.test) {
      truths.push(e.label);
      scores.push(scorer.scores(e.tokens));
    }
  }
  return { truths, scores };
}

export function argmaxLabel(labels: readonly string[], scores: readonly number[]): string {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
  return labels[best] as string;
}

export function macroF1Of(labels: readonly string[], truths: string[], scores: number[][]): number {
  return evaluate(
    labels,
    truths,
    scores.map((s) => argmaxLabel(labels, s)),
  ).macroF1;
}

/** The temperature whose softmax gives the out-of-fold truths the highest likelihood. */
export function fitTemperature(labels: readonly string[], truths: string[], scores: number[][]): number {
  const grid = [0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10];
  let best = { t: 1, loss: Number.POSITIVE_INFINITY };
  for (const t of grid) {
    const loss = logLoss(labels, truths, scores, t);
    if (loss < best.loss) best = { t, loss };
  }
  return best.t;
}

/** Powers of the token count tried with each temperature (0: scores as the library gives them). */
export const LENGTH_POWERS = [0, 0.25, 0.5, 0.75, 1];

/**
 * The length power and temperature whose probabilities give the out-of-fold truths the highest
 * likelihood, and the scores divided accordingly.
 */
export function fitCalibration(
  labels: readonly string[],
  truths: string[],
  scores: number[][],
  tokenCounts: readonly number[],
): { lengthPower: number; temperature: number; scaled: number[][] } {
  let best: { lengthPower: number; temperature: number; scaled: number[][]; loss: number } | undefined;
  for (const lengthPower of LENGTH_POWERS) {
    const scaled = scores.map((s, i) => lengthScaled(s, tokenCounts[i] as number, lengthPower));
    const temperature = fitTemperature(labels, truths, scaled);
    const loss = logLoss(labels, truths, scaled, temperature);
    if (best === undefined || loss < best.loss) best = { lengthPower, temperature, scaled, loss };
  }
  const { lengthPower, temperature, scaled } = best as NonNullable<typeof best>;
  return { lengthPower, temperature, scaled };
}

/** How unlikely the truths are under the softmax of `scores` at temperature `t` (lower is better). */
function logLoss(labels: readonly string[], truths: string[], scores: number[][], t: number): number {
  let loss = 0;
  for (let i = 0; i < truths.length; i++) {
    const p = softmax(scores[i] as number[], t)[labels.indexOf(truths[i] as string)] as number;
    loss -= Math.log(Math.max(p, 1e-12));
  }
  return loss;
}

/**
 * The highest emergency probability threshold at which the model, together with the emergency
 * rules (`caught[i]`: a rule already fires on example i), still finds `targetRecall` of the
 * out-of-fold emergencies, and the model alone still finds `modelAloneRecall` of them: a missed
 * emergency costs more than a dispatcher's second look at a false one. The second floor is there
 * because the rules were written while reading these same files: here they catch more than they
 * do in a writer's words they never saw, and a threshold that leaned on them would leave the model
 * too little to do elsewhere.
 */
export function emergencyThreshold(
  labels: readonly string[],
  truths: string[],
  scores: number[][],
  temperature: number,
  targetRecall: number,
  caught: readonly boolean[],
  modelAloneRecall: number,
): number {
  const e = labels.indexOf('emergency');
  const emergencies = truths
    .map((t, i) => ({ t, caught: caught[i], p: softmax(scores[i] as number[], temperature)[e] as number }))
    .filter((x) => x.t === 'emergency');
  const lowest = (probs: number[], missable: number) => probs.sort((a, b) => a - b)[missable] ?? 0.5;
  const withRules = lowest(
    emergencies.filter((x) => !x.caught).map((x) => x.p),
    Math.floor(emergencies.length * (1 - targetRecall)),
  );
  const alone = lowest(
    emergencies.map((x) => x.p),
    Math.floor(emergencies.length * (1 - modelAloneRecall)),
  );
  return Math.min(0.5, Math.floor(Math.min(withRules, alone) * 1000) / 1000);
}

export interface Candidate {
  params: LearnerParams;
  score: number;
}

/** Every setting tried, best first; ties keep the grid's order so the choice is reproducible. */
export function gridSearch(
  labels: readonly string[],
  folds: Fold[],
  grid: LearnerParams[],
  score: (truths: string[], scores: number[][]) => number,
): Candidate[] {
  const tried = grid.map((params) => {
    const oof = outOfFoldScores(labels, folds, params);
    return { params, score: score(oof.truths, oof.scores) };
  });
  return tried
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.score - a.c.score || a.i - b.i)
    .map((x) => x.c);
}

// Small grids: the machine has two shared cores, and each setting costs four trainings.
export const NAIVE_BAYES_GRID: LearnerParams[] = [0.1, 0.5].map(
  (smoothing) =>
    ({ learner: 'wink-naive-bayes-text-classifier', presence: true, smoothing, minCount: 2 }) as const,
);

export const PERCEPTRON_GRID: LearnerParams[] = [4, 8].map(
  (iterations) => ({ learner: 'wink-perceptron', iterations, minCount: 2 }) as const,
);
