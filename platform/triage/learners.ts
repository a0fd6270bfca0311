// The two libraries the triage model is trained with, behind one shape: learn from token lists,
// answer a score per label, export to JSON and back. Which one a task keeps is decided by
// scripts/train-triage.ts and recorded in the model file.
import naiveBayes from 'wink-naive-bayes-text-classifier';
import perceptron from 'wink-perceptron';

export type LearnerParams =
  | { learner: 'wink-naive-bayes-text-classifier'; presence: boolean; smoothing: number; minCount: number }
  | { learner: 'wink-perceptron'; iterations: number; minCount: number };

export interface Example {
  tokens: string[];
  label: string;
}

/** A trained classifier: raw scores per label (higher is likelier), in the order of `labels`. */
export interface Scorer {
  readonly labels: readonly string[];
  scores(tokens: string[]): number[];
  /** What the library exports; `restoreScorer` reads it back. */
  readonly exported: unknown;
  /** The label the library's own predict answers: the scores above must agree with it. */
  libraryLabel(tokens: string[]): string;
}

/** Tokens seen in fewer than `minCount` training texts are dropped: they only memorise one writer. */
function frequentTokens(examples: Example[], minCount: number): Set<string> {
  const docs = new Map<string, number>();
  for (const e of examples) for (const t of new Set(e.tokens)) docs.set(t, (docs.get(t) ?? 0) + 1);
  const keep = new Set<string>();
  for (const [t, n] of docs) if (n >= minCount) keep.add(t);
  return keep;
}

export function trainScorer(labels: readonly string[], examples: Example[], params: LearnerParams): Scorer {
  const keep = frequentTokens(examples, params.minCount);
  const pruned = examples.map((e) => ({ tokens: e.tokens.filter((t) => keep.has(t)), label: e.label }));
  if (params.learner === 'wink-naive-bayes-text-classifier') {
    const nb = naiveBayes();
    nb.defineConfig({ considerOnlyPresence: params.presence, smoothingFactor: params.smoothing });
    for (const e of pruned) nb.learn(e.tokens, e.label);
    nb.consolidate();
    return naiveBayesScorer(labels, () => nb, JSON.parse(nb.exportJSON()));
  }
  const p = perceptron();
  // The library's own shuffle draws on Math.random; a seeded one mixes the writers the same way
  // every run, so the same files give the same weights.
  p.defineConfig({ shuffleData: false, maxIterations: params.iterations });
  p.learn(seededShuffle(pruned).map((e) => [counts(e.tokens), { label: e.label }]));
  return perceptronScorer(labels, p.exportJSON());
}

export function restoreScorer(
  labels: readonly string[],
  learner: LearnerParams['learner'],
  exported: unknown,
): Scorer {
  if (learner === 'wink-naive-bayes-text-classifier') {
    // The scores come from the exported counts; the library's own classifier is rebuilt only if
    // someone asks for its answer (the tests do, a request never does).
    const nb = once(() => {
      const restored = naiveBayes();
      restored.importJSON(JSON.stringify(exported));
      restored.consolidate();
      return restored;
    });
    return naiveBayesScorer(labels, nb, exported);
  }
  return perceptronScorer(labels, JSON.stringify(exported));
}

type NaiveBayesExport = [
  { considerOnlyPresence: boolean; smoothingFactor: number },
  Record<string, number>,
  Record<string, Record<string, number>>,
  Record<string, number>,
  string[],
];

/**
 * wink's computeOdds recomputes each token's likelihoods against every other label on every call
 * (a long text took half a second); the same log2 odds are summed here from a table built once
 * from the exported counts. `oddsOf` keeps the library's own answer, which the tests compare against.
 */
function naiveBayesScorer(
  labels: readonly string[],
  nb: () => ReturnType<typeof naiveBayes>,
  exported: unknown,
): Scorer & { oddsOf(tokens: string[]): number[] } {
  const [config, samples, count, words, vocabulary] = exported as NaiveBayesExport;
  const sf = config.smoothingFactor;
  if (!(sf > 0)) throw new Error('triage: naive Bayes needs a smoothing factor above 0');
  const v = vocabulary.length;
  const n = labels.length;
  const totalSamples = labels.reduce((a, l) => a + (samples[l] ?? 0), 0);
  const totalWords = labels.reduce((a, l) => a + (words[l] ?? 0), 0);
  const prior = labels.map((l) => Math.log2(samples[l] ?? 0) - Math.log2(totalSamples - (samples[l] ?? 0)));
  const table = new Map<string, Float64Array>();
  for (const w of vocabulary) {
    const counts = labels.map((l) => count[l]?.[w] ?? 0);
    const all = counts.reduce((a, b) => a + b, 0);
    const row = new Float64Array(n);
    labels.forEach((l, i) => {
      const inLabel = counts[i] as number;
      const wordsIn = words[l] ?? 0;
      row[i] =
        Math.log2(inLabel + sf) -
        Math.log2(wordsIn + v * sf) -
        (Math.log2(all - inLabel + sf) - Math.log2(totalWords - wordsIn + v * sf));
    });
    table.set(w, row);
  }
  return {
    labels,
    exported,
    scores(tokens) {
      const out = new Array<number>(n).fill(0);
      let known = false;
      for (const t of tokens) {
        const row = table.get(t);
        if (row === undefined) continue;
        known = true;
        for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (row[i] as number);
      }
      // No known token at all: every label is as likely as the next.
      return known ? out.map((o, i) => o + (prior[i] as number)) : out;
    },
    libraryLabel: (tokens) => nb().predict(tokens),
    oddsOf(tokens) {
      const odds = new Map(nb().computeOdds(tokens));
      return labels.map((l) => odds.get(l) ?? 0);
    },
  };
}

/** `make` run on the first call only. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

function seededShuffle<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 0x9e3779b9;
  for (let i = out.length - 1; i > 0; i--) {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function counts(tokens: string[]): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const t of tokens) out[t] = 1;
  return out;
}

type PerceptronExport = [Record<string, Record<string, number>>, Record<string, number>, unknown, unknown];

// wink-perceptron's own predict answers only the winning label; the triage needs every label's
// score for its confidence, so the averaged weights it exports are summed here the same way.
function perceptronScorer(labels: readonly string[], json: string): Scorer {
  const exported: unknown = JSON.parse(json);
  const [weights, biases] = exported as PerceptronExport;
  const library = once(() => {
    const restored = perceptron();
    restored.importJSON(json);
    return restored;
  });
  const index = new Map(labels.map((l, i) => [l, i]));
  const weightMap = new Map(Object.entries(weights));
  return {
    labels,
    exported,
    scores(tokens) {
      const out = labels.map((l) => biases[l] ?? 0);
      for (const t of new Set(tokens)) {
        const w = weightMap.get(t);
        if (w === undefined) continue;
        for (const c in w) {
          const i = index.get(c);
          if (i !== undefined) out[i] = (out[i] as number) + (w[c] as number);
        }
      }
      return out;
    },
    libraryLabel: (tokens) => library().predict(counts(tokens)),
  };
}

/**
 * A text's scores divided by its token count to the power `power`: naive Bayes and the perceptron
 * add one term per token, and a text's tokens overlap (a word, its pairs, its stem, its 4-grams), so
 * a long text's scores spread far apart and a one-word text's hardly at all. One temperature alone
 * then makes the long text over-sure and leaves the short one near the prior (where a low emergency
 * threshold calls it an emergency). The power is fitted with the temperature on the training folds.
 */
export function lengthScaled(scores: readonly number[], tokenCount: number, power: number): number[] {
  const by = Math.max(1, tokenCount) ** power;
  return scores.map((s) => s / by);
}

/** Scores to probabilities; `temperature` is fitted on the training folds so confidences mean something. */
export function softmax(scores: readonly number[], temperature: number): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) * temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
