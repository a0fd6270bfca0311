// Triage of one request text at intake: the model's classification, timed on its own, and
// whether a dispatcher must confirm it before it is routed.
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
  const classification = model.classify(text);
  const micros = (performance.now() - started) * 1000;
  // MERGE(issue 16): run domain/dispatch/emergency-rules.ts before the model (they may only
  // raise the urgency, and name the rule in ruleFired) and take needsConfirmation from
  // domain/dispatch/triage-policy.ts. Until then the model's word stands and the policy's
  // confirmBelowConfidence decides who confirms.
  const needsConfirmation =
    classification.category.confidence < policy.confirmBelowConfidence ||
    classification.urgency.confidence < policy.confirmBelowConfidence;
  return {
    record: { modelVersion: model.version, classification, ruleFired: null, needsConfirmation },
    micros,
  };
}
