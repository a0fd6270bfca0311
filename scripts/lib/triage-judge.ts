// The committed model with the emergency rules in front of it, judged on one labelled file: the
// figures the README reports for the held-out and the probe sets, counted the same way for both.
import { triage } from '../../domain/dispatch/emergency-rules.ts';
import {
  type Classification,
  DISPATCH_CATEGORIES,
  REQUEST_LANGUAGES,
  type TriageModel,
  URGENCIES,
} from '../../domain/dispatch/triage.ts';
import { type Evaluation, evaluate, recallOf } from '../../domain/dispatch/triage-metrics.ts';
import { DEFAULT_TRIAGE_POLICY } from '../../domain/dispatch/triage-policy.ts';
import type { LabelledRequest } from './triage-training.ts';

export interface Judged {
  category: Evaluation;
  urgency: Evaluation;
  language: Evaluation;
  emergencyRecall: number;
  /** Each request with what the triage answered (and the model alone), for reading the errors. */
  answers: {
    row: LabelledRequest;
    classification: Classification;
    category: string;
    urgency: string;
    lang: string;
    rule: string | null;
  }[];
}

export function judge(model: TriageModel, rows: readonly LabelledRequest[]): Judged {
  const answers = rows.map((row) => {
    const c = model.classify(row.text);
    const d = triage(c, row.text, DEFAULT_TRIAGE_POLICY);
    return {
      row,
      classification: c,
      category: d.category.value,
      urgency: d.urgency.value,
      lang: c.language.value,
      rule: d.rule,
    };
  });
  const truths = (k: 'category' | 'urgency' | 'lang') => rows.map((r) => r[k]);
  return {
    category: evaluate(
      DISPATCH_CATEGORIES,
      truths('category'),
      answers.map((a) => a.category),
    ),
    urgency: evaluate(
      URGENCIES,
      truths('urgency'),
      answers.map((a) => a.urgency),
    ),
    language: evaluate(
      REQUEST_LANGUAGES,
      truths('lang'),
      answers.map((a) => a.lang),
    ),
    emergencyRecall: recallOf(
      'emergency',
      truths('urgency'),
      answers.map((a) => a.urgency),
    ),
    answers,
  };
}
