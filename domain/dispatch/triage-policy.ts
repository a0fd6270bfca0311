// When a person must confirm the triage. A default of configurable policy: the dispatch service's
// own policy (and its DISPATCH_POLICY override) can carry it; kept in its own file so the model and
// the service can be built side by side.

export interface TriagePolicy {
  /**
   * Below this confidence in the category or the urgency, the request goes to a dispatcher with the
   * model's top suggestions. Confidences are calibrated on the training folds, so 0.6 means the
   * model was right about that often when it said so. [design] 0.6
   */
  confirmBelow: number;
}

export const DEFAULT_TRIAGE_POLICY: TriagePolicy = { confirmBelow: 0.6 };
