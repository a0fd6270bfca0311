// The triage model the processes serve dispatch with: the committed model file, loaded once per
// process (a second or two), then classified synchronously per request.
import type { TriageModel } from '../../domain/dispatch/triage.ts';
import { loadTriageModel } from '../../platform/triage/model.ts';

export function appTriageModel(): TriageModel {
  return loadTriageModel();
}
