// The contract between a triage model and the dispatch service: what a model reads and what it
// answers. The model itself (trained in the repository, loaded from its committed file) lives
// outside the domain; the emergency rules that run before it, and the decision whether a person
// must confirm, are pure and live here.

export const DISPATCH_CATEGORIES = [
  'water_leak',
  'no_water',
  'sewerage',
  'heating',
  'electricity',
  'gas',
  'elevator',
  'roof',
  'facade_entrance',
  'intercom_doors',
  'cleaning_waste',
  'yard',
  'pests',
  'other',
] as const;
export type DispatchCategory = (typeof DISPATCH_CATEGORIES)[number];

/** Ordered from the least to the most pressing: a rule may only move a request up this list. */
export const URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** The main language form of a request (mixed text is common; this is the one that dominates). */
export const REQUEST_LANGUAGES = ['uz_latn', 'uz_cyrl', 'ru', 'en'] as const;
export type RequestLanguage = (typeof REQUEST_LANGUAGES)[number];

/** One label with the model's confidence in it, 0..1. */
export interface Scored<T extends string> {
  value: T;
  confidence: number;
}

/** What a classifier answers for one text. `top` lists are best first, at least one entry. */
export interface Classification {
  language: Scored<RequestLanguage>;
  category: Scored<DispatchCategory>;
  urgency: Scored<Urgency>;
  /** The next-best categories, for a dispatcher who must confirm. */
  categoryTop: Scored<DispatchCategory>[];
}

/** A trained model, loaded once and then called synchronously per request. */
export interface TriageModel {
  /** Name and version of the model file, stored with each request's triage. */
  readonly version: string;
  classify(text: string): Classification;
}
