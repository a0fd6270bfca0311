// The triage model the processes serve dispatch with. MERGE(issue 16): the model is trained in a
// parallel branch; once platform/triage/index.ts lands, this returns `loadTriageModel()` from it.
// Until then no model is loaded and the dispatch intake answers 503: nothing pretends to triage.
import type { TriageModel } from '../../domain/dispatch/triage.ts';

export function appTriageModel(): TriageModel | undefined {
  return undefined;
}
