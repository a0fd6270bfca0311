// npm run judge:triage [--errors] [--model model.json] [file.jsonl ...]: the committed model and the emergency rules on labelled
// files (by default the held-out and the probe sets), with every wrong answer listed. It trains and
// tunes nothing.

import { readFileSync } from 'node:fs';
import { formatEvaluation } from '../domain/dispatch/triage-metrics.ts';
import { loadTriageModel, type TriageModelFile, triageModelFrom } from '../platform/triage/model.ts';
import { judge } from './lib/triage-judge.ts';
import { readJsonl } from './lib/triage-training.ts';

const DATASET = new URL('../domain/dispatch/dataset/', import.meta.url);
const args = process.argv.slice(2);
const verbose = args.includes('--errors');
// --model <file>: judge a model file other than the committed one (a training run's --out).
const modelIndex = args.indexOf('--model');
const modelPath = modelIndex >= 0 ? args[modelIndex + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith('--') && (modelIndex < 0 || i !== modelIndex + 1));
const paths =
  files.length > 0
    ? files.map((f) => new URL(f, `file://${process.cwd()}/`))
    : [new URL('heldout.jsonl', DATASET), new URL('probe.jsonl', DATASET)];
const model = modelPath
  ? triageModelFrom(JSON.parse(readFileSync(modelPath, 'utf8')) as TriageModelFile)
  : loadTriageModel();
const f3 = (x: number) => x.toFixed(3);
for (const path of paths) {
  const rows = readJsonl(path);
  const j = judge(model, rows);
  console.log(
    `${path.pathname.split('/').pop()} (${rows.length}, model ${model.version}): category macro-F1 ${f3(j.category.macroF1)}, ` +
      `emergency recall ${f3(j.emergencyRecall)}, urgency macro-F1 ${f3(j.urgency.macroF1)}, language accuracy ${f3(j.language.accuracy)}`,
  );
  if (!verbose) continue;
  console.log(formatEvaluation('category', j.category), '\n');
  console.log(formatEvaluation('urgency', j.urgency), '\n');
  console.log(formatEvaluation('language', j.language), '\n');
  for (const a of j.answers) {
    const wrong = [
      a.category !== a.row.category ? `cat ${a.row.category}→${a.category}` : '',
      a.urgency !== a.row.urgency ? `urg ${a.row.urgency}→${a.urgency}` : '',
      a.lang !== a.row.lang ? `lang ${a.row.lang}→${a.lang}` : '',
    ].filter(Boolean);
    if (wrong.length > 0) console.log(`  ${wrong.join(', ')}${a.rule ? ` [${a.rule}]` : ''}: ${a.row.text}`);
  }
}
