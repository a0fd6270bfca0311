// Triage of one request text at intake: the model's classification, then the emergency rules that
// may only raise it, timed on their own, and whether a dispatcher must confirm before routing.
import { triage } from '../../domain/dispatch/emergency-rules.ts';
import type { DispatchPolicy } from '../../domain/dispatch/policy.ts';
import type { TriageModel } from '../../domain/dispatch/triage.ts';
import type { TriageRecord } from '../../domain/dispatch/types.ts';
import { unavailable } from '../problem.ts';

export function triageText(
  model: TriageModel | undefined,
  text: string,
  policy: DispatchPolicy,
): { record: TriageRecord; micros: number } {
  if (!model) throw unavailable('the dispatch triage model is not loaded on this server');
  const started = performance.now();
  const decision = triage(model.classify(text), text, { confirmBelow: policy.confirmBelowConfidence });
  const micros = (performance.now() - started) * 1000;
  const { language, category, urgency, suggestions, rule, needsConfirmation } = decision;
  return {
    record: {
      modelVersion: model.version,
      classification: { language, category, urgency, categoryTop: suggestions },
      ruleFired: rule,
      needsConfirmation,
    },
    micros,
  };
}
