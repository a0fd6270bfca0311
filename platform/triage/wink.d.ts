// The two wink classifiers ship no types; these declare only what platform/triage uses.

declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(tokens: string[], label: string): boolean;
    consolidate(): boolean;
    /** Log2 odds of each label against the rest, best first; [['unknown', 0]] when no token is known. */
    computeOdds(tokens: string[]): [string, number][];
    predict(tokens: string[]): string;
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  const create: () => NaiveBayesTextClassifier;
  export default create;
}

declare module 'wink-perceptron' {
  type Features = Record<string, number>;
  interface Perceptron {
    defineConfig(config: { shuffleData?: boolean; maxIterations?: number }): unknown;
    learn(examples: [Features, { label: string }][]): number;
    predict(features: Features): string;
    /** JSON of [averaged weights by feature then label, averaged bias by label, {}, []]. */
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  const create: () => Perceptron;
  export default create;
}
