// npm run train:triage: trains the dispatch triage model from domain/dispatch/dataset/train-*.jsonl,
// compares the two libraries on the held-out file, and writes the better one's model to
// platform/triage/model/triage-model.json (same files in, same bytes out).
//
// Settings are chosen by leaving one training file out at a time; heldout.jsonl is read only
// after every setting is fixed, for the final comparison and the report.
//
// Flags: --quick (a small grid, for a fast look), --no-write (print only), --out <path>.
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ClassifiedText, matchEmergencyRules, triage } from '../domain/dispatch/emergency-rules.ts';
import { DISPATCH_CATEGORIES, REQUEST_LANGUAGES, URGENCIES } from '../domain/dispatch/triage.ts';
import { evaluate, formatEvaluation, percentile, recallOf } from '../domain/dispatch/triage-metrics.ts';
import { DEFAULT_TRIAGE_POLICY } from '../domain/dispatch/triage-policy.ts';
import { FEATURES_VERSION, languageTokens, topicTokens } from '../platform/triage/features.ts';
import type { Example, LearnerParams } from '../platform/triage/learners.ts';
import { trainScorer } from '../platform/triage/learners.ts';
import {
  MODEL_FORMAT,
  MODEL_URL,
  type TaskModel,
  type TriageModelFile,
  triageModelFrom,
  UZ_CYRILLIC_LETTERS,
} from '../platform/triage/model.ts';
import {
  argmaxLabel,
  emergencyThreshold,
  fitCalibration,
  gridSearch,
  type LabelledRequest,
  leaveOneFileOut,
  macroF1Of,
  NAIVE_BAYES_GRID,
  outOfFoldScores,
  PERCEPTRON_GRID,
  readJsonl,
} from './lib/triage-training.ts';

const DATASET = new URL('../domain/dispatch/dataset/', import.meta.url);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const write = !args.includes('--no-write');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? new URL(args[outIndex + 1] as string, `file://${process.cwd()}/`) : MODEL_URL;
/** The share of out-of-fold emergencies the urgency threshold must still catch. */
const EMERGENCY_RECALL_TARGET = 0.99;
/** The share the model must still catch without the rules (see emergencyThreshold). */
const EMERGENCY_MODEL_ALONE_RECALL = 0.97;
const TARGETS = { categoryMacroF1: 0.85, emergencyRecall: 0.98, languageAccuracy: 0.97 };

const trainFiles = readdirSync(DATASET)
  .filter((f) => /^train-.*\.jsonl$/.test(f))
  .sort();
const training = trainFiles.map((f) => readJsonl(new URL(f, DATASET)));
console.log(`training: ${trainFiles.join(', ')} (${training.flat().length} requests)`);

type Task = 'category' | 'urgency' | 'language';
const LABELS: Record<Task, readonly string[]> = {
  category: DISPATCH_CATEGORIES,
  urgency: URGENCIES,
  language: REQUEST_LANGUAGES,
};
const examplesOf = (task: Task, rows: LabelledRequest[]): Example[] =>
  rows.map((r) => ({
    tokens: task === 'language' ? languageTokens(r.text) : topicTokens(r.text),
    label: task === 'language' ? r.lang : task === 'category' ? r.category : r.urgency,
  }));

const grids: Record<LearnerParams['learner'], LearnerParams[]> = {
  'wink-naive-bayes-text-classifier': quick ? NAIVE_BAYES_GRID.slice(0, 1) : NAIVE_BAYES_GRID,
  'wink-perceptron': quick ? PERCEPTRON_GRID.slice(0, 1) : PERCEPTRON_GRID,
};
const LEARNERS = Object.keys(grids) as LearnerParams['learner'][];

const describe = (p: LearnerParams) =>
  p.learner === 'wink-perceptron'
    ? `perceptron iterations=${p.iterations} minCount=${p.minCount}`
    : `naive Bayes ${p.presence ? 'presence' : 'counts'} smoothing=${p.smoothing} minCount=${p.minCount}`;

/** Cross-validates one task for one library and fits it on all training files. */
function fitTask(
  task: Task,
  learner: LearnerParams['learner'],
): { model: TaskModel; cv: string; extra: object } {
  const labels = LABELS[task];
  const files = training.map((rows) => examplesOf(task, rows));
  const folds = leaveOneFileOut(files);
  const ranking = gridSearch(labels, folds, grids[learner], (t, s) => macroF1Of(labels, t, s));
  const best = ranking[0] as { params: LearnerParams; score: number };
  const oof = outOfFoldScores(labels, folds, best.params);
  // Out-of-fold scores come in the files' order, as examplesOf lists them.
  const calibration = fitCalibration(
    labels,
    oof.truths,
    oof.scores,
    files.flat().map((e) => e.tokens.length),
  );
  const { temperature, lengthPower } = calibration;
  const scorer = trainScorer(labels, files.flat(), best.params);
  const model: TaskModel = {
    params: best.params,
    labels: [...labels],
    temperature,
    lengthPower,
    exported: scorer.exported,
  };
  let cv = `${task} / ${learner}: best ${describe(best.params)}, cross-validated macro-F1 ${best.score.toFixed(3)}, temperature ${temperature}, length power ${lengthPower}`;
  let extra: object = {};
  if (task === 'urgency') {
    const caught = training.flat().map((r) => matchEmergencyRules(r.text).length > 0);
    const threshold = emergencyThreshold(
      labels,
      oof.truths,
      calibration.scaled,
      temperature,
      EMERGENCY_RECALL_TARGET,
      caught,
      EMERGENCY_MODEL_ALONE_RECALL,
    );
    extra = { emergencyThreshold: threshold };
    cv += `, emergency threshold ${threshold}`;
  }
  if (task === 'language') {
    // The letter rule is kept only if it helps on the training folds.
    const rows = training.flat();
    const plain = oof.scores.map((s) => argmaxLabel(labels, s));
    const ruled = plain.map((p, i) =>
      UZ_CYRILLIC_LETTERS.test((rows[i] as LabelledRequest).text) ? 'uz_cyrl' : p,
    );
    const accPlain = evaluate(labels, oof.truths, plain).accuracy;
    const accRuled = evaluate(labels, oof.truths, ruled).accuracy;
    extra = { uzCyrillicLetters: accRuled > accPlain };
    cv += `, cross-validated accuracy ${accPlain.toFixed(3)} (model alone) / ${accRuled.toFixed(3)} (with the ў қ ғ ҳ rule)`;
  }
  return { model, cv, extra };
}

const heldout = readJsonl(new URL('heldout.jsonl', DATASET));

interface Measured {
  file: TriageModelFile;
  category: ReturnType<typeof evaluate>;
  urgencyModel: ReturnType<typeof evaluate>;
  urgencyTriage: ReturnType<typeof evaluate>;
  emergencyRecallModel: number;
  emergencyRecallTriage: number;
  language: ReturnType<typeof evaluate>;
  latency: { p50: number; p99: number; cpuPerCall: number };
  /** How many go to a dispatcher at the policy's threshold, and how right the others are. */
  confirmation: { asked: number; confidentCategoryAccuracy: number; confidentUrgencyAccuracy: number };
}

function measure(file: TriageModelFile): Measured {
  const model = triageModelFrom(file);
  const classified: ClassifiedText[] = [];
  const times: number[] = [];
  for (const r of heldout) model.classify(r.text); // warm-up, so the first calls' JIT is not counted
  const cpu0 = process.cpuUsage();
  for (const r of heldout) {
    const t0 = performance.now();
    const c = model.classify(r.text);
    times.push(performance.now() - t0);
    classified.push({ classification: c, text: r.text });
  }
  const cpu = process.cpuUsage(cpu0);
  const final = classified.map((c) => triage(c.classification, c.text, DEFAULT_TRIAGE_POLICY));
  const truthsU = heldout.map((r) => r.urgency);
  const modelU = classified.map((c) => c.classification.urgency.value);
  const triageU = final.map((f) => f.urgency.value);
  const confident = final
    .map((f, i) => ({ f, r: heldout[i] as LabelledRequest }))
    .filter((x) => !x.f.needsConfirmation);
  const share = (ok: number) => (confident.length === 0 ? 0 : ok / confident.length);
  return {
    file,
    confirmation: {
      asked: final.length - confident.length,
      confidentCategoryAccuracy: share(confident.filter((x) => x.f.category.value === x.r.category).length),
      confidentUrgencyAccuracy: share(confident.filter((x) => x.f.urgency.value === x.r.urgency).length),
    },
    category: evaluate(
      DISPATCH_CATEGORIES,
      heldout.map((r) => r.category),
      final.map((f) => f.category.value),
    ),
    urgencyModel: evaluate(URGENCIES, truthsU, modelU),
    urgencyTriage: evaluate(URGENCIES, truthsU, triageU),
    emergencyRecallModel: recallOf('emergency', truthsU, modelU),
    emergencyRecallTriage: recallOf('emergency', truthsU, triageU),
    language: evaluate(
      REQUEST_LANGUAGES,
      heldout.map((r) => r.lang),
      classified.map((c) => c.classification.language.value),
    ),
    latency: {
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      cpuPerCall: (cpu.user + cpu.system) / 1000 / heldout.length,
    },
  };
}

const fitted: Record<string, Record<Task, ReturnType<typeof fitTask>>> = {};
for (const learner of LEARNERS) {
  fitted[learner] = {} as Record<Task, ReturnType<typeof fitTask>>;
  for (const task of ['category', 'urgency', 'language'] as Task[]) {
    const f = fitTask(task, learner);
    (fitted[learner] as Record<Task, ReturnType<typeof fitTask>>)[task] = f;
    console.log(f.cv);
  }
}

const fileOf = (pick: Record<Task, LearnerParams['learner']>): TriageModelFile => {
  const part = (task: Task) => (fitted[pick[task]] as Record<Task, ReturnType<typeof fitTask>>)[task];
  const body = {
    featuresVersion: FEATURES_VERSION,
    category: part('category').model,
    urgency: { ...part('urgency').model, ...(part('urgency').extra as { emergencyThreshold: number }) },
    language: { ...part('language').model, ...(part('language').extra as { uzCyrillicLetters: boolean }) },
  };
  // Named by its content: the same training gives the same name, any change another.
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
  return { format: MODEL_FORMAT, version: `triage-${hash}`, ...body };
};

const f3 = (x: number) => x.toFixed(3);
const summary = (m: Measured) =>
  `category macro-F1 ${f3(m.category.macroF1)}, emergency recall ${f3(m.emergencyRecallTriage)} (model alone ${f3(m.emergencyRecallModel)}), ` +
  `urgency macro-F1 ${f3(m.urgencyTriage.macroF1)}, language accuracy ${f3(m.language.accuracy)}, ` +
  `classify p50 ${f3(m.latency.p50)} ms p99 ${f3(m.latency.p99)} ms, CPU ${f3(m.latency.cpuPerCall)} ms/call`;

console.log(`\nheld-out: ${heldout.length} requests, read now for the comparison; nothing above saw it`);
const perLibrary = LEARNERS.map((learner) => {
  const m = measure(fileOf({ category: learner, urgency: learner, language: learner }));
  console.log(`  ${learner}: ${summary(m)}`);
  return { learner, m };
});

// Each task keeps the library that did better on it: category by macro-F1, urgency by emergency
// recall (then macro-F1), language by accuracy.
const better = (score: (m: Measured) => number[]) =>
  [...perLibrary].sort((a, b) => {
    const sa = score(a.m);
    const sb = score(b.m);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return (sb[i] as number) - (sa[i] as number);
    return 0;
  })[0]?.learner as LearnerParams['learner'];
const pick: Record<Task, LearnerParams['learner']> = {
  category: better((m) => [m.category.macroF1]),
  urgency: better((m) => [m.emergencyRecallTriage, m.urgencyTriage.macroF1]),
  language: better((m) => [m.language.accuracy]),
};
const chosen = measure(fileOf(pick));
console.log(`\nkept: category ${pick.category}, urgency ${pick.urgency}, language ${pick.language}`);
console.log(`  ${summary(chosen)}`);
console.log(
  `  below confirmBelow ${DEFAULT_TRIAGE_POLICY.confirmBelow}: ${chosen.confirmation.asked} of ${heldout.length} go to a dispatcher; ` +
    `the others' category is right ${f3(chosen.confirmation.confidentCategoryAccuracy)}, urgency ${f3(chosen.confirmation.confidentUrgencyAccuracy)}\n`,
);
console.log(formatEvaluation('category (rules + model)', chosen.category), '\n');
console.log(formatEvaluation('urgency, model alone', chosen.urgencyModel), '\n');
console.log(formatEvaluation('urgency (rules + model)', chosen.urgencyTriage), '\n');
console.log(formatEvaluation('language', chosen.language), '\n');
const verdict = (name: string, value: number, target: number) =>
  `  ${name}: ${f3(value)} (target ≥ ${target}) ${value >= target ? 'met' : 'NOT MET'}`;
console.log('targets on the held-out set:');
console.log(verdict('category macro-F1', chosen.category.macroF1, TARGETS.categoryMacroF1));
console.log(verdict('emergency recall', chosen.emergencyRecallTriage, TARGETS.emergencyRecall));
console.log(verdict('language accuracy', chosen.language.accuracy, TARGETS.languageAccuracy));

if (write) {
  const text = `${JSON.stringify(chosen.file)}\n`;
  writeFileSync(out, text);
  console.log(
    `\nwrote ${fileURLToPath(out)} (${(text.length / 1024).toFixed(0)} KiB), version ${chosen.file.version}`,
  );
}
