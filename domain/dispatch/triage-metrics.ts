// How a triage model is judged: per-class precision, recall and F1, the confusion matrix, and the
// figures the issue sets targets for. The training script prints them and the quality test asserts
// them, so both count the same way.

export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many examples truly carry this label. */
  support: number;
}

export interface Evaluation {
  labels: readonly string[];
  /** matrix[truth][predicted], in the order of `labels`. */
  matrix: number[][];
  perClass: ClassScore[];
  accuracy: number;
  macroF1: number;
}

export function evaluate(
  labels: readonly string[],
  truths: readonly string[],
  predictions: readonly string[],
): Evaluation {
  if (truths.length !== predictions.length) throw new Error('truths and predictions differ in length');
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (let i = 0; i < truths.length; i++) {
    const t = index.get(truths[i] as string);
    const p = index.get(predictions[i] as string);
    if (t === undefined || p === undefined) throw new Error(`unknown label ${truths[i]} / ${predictions[i]}`);
    (matrix[t] as number[])[p] = ((matrix[t] as number[])[p] as number) + 1;
    if (t === p) correct++;
  }
  const perClass = labels.map((label, i) => {
    const tp = (matrix[i] as number[])[i] as number;
    const support = (matrix[i] as number[]).reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + (row[i] as number), 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const present = perClass.filter((c) => c.support > 0);
  const macroF1 = present.reduce((a, c) => a + c.f1, 0) / Math.max(1, present.length);
  return { labels, matrix, perClass, accuracy: truths.length === 0 ? 0 : correct / truths.length, macroF1 };
}

/** The share of true emergencies the triage called emergencies: a missed one is the costly error. */
export function recallOf(label: string, truths: readonly string[], predictions: readonly string[]): number {
  let total = 0;
  let found = 0;
  for (let i = 0; i < truths.length; i++) {
    if (truths[i] !== label) continue;
    total++;
    if (predictions[i] === label) found++;
  }
  return total === 0 ? 1 : found / total;
}

const pct = (x: number) => x.toFixed(3);

/** The per-class table and the confusion matrix as plain text (training output, README). */
export function formatEvaluation(title: string, e: Evaluation): string {
  const width = Math.max(...e.labels.map((l) => l.length), 9);
  const lines = [`${title}: accuracy ${pct(e.accuracy)}, macro-F1 ${pct(e.macroF1)}`];
  lines.push(`| ${'class'.padEnd(width)} | precision | recall | F1    | support |`);
  lines.push(`|${'-'.repeat(width + 2)}|-----------|--------|-------|---------|`);
  for (const c of e.perClass) {
    lines.push(
      `| ${c.label.padEnd(width)} | ${pct(c.precision).padStart(9)} | ${pct(c.recall).padStart(6)} | ${pct(c.f1)} | ${String(c.support).padStart(7)} |`,
    );
  }
  lines.push('', 'confusion matrix (rows: truth, columns: predicted, in the order above)');
  const short = e.labels.map((l) => l.slice(0, 5).padStart(5));
  lines.push(`${''.padEnd(width)} ${short.join(' ')}`);
  e.matrix.forEach((row, i) => {
    lines.push(`${(e.labels[i] as string).padEnd(width)} ${row.map((v) => String(v).padStart(5)).join(' ')}`);
  });
  return lines.join('\n');
}

/** Nearest-rank percentile of a sample, p in 0..100. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return 0;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
