// Loading the committed model: once per process, refusing a file built for other features, and
// answering every text, however empty or long, with labels of the contract.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DISPATCH_CATEGORIES, REQUEST_LANGUAGES, URGENCIES } from '../../domain/dispatch/triage.ts';
import {
  loadTriageModel,
  MODEL_URL,
  type TriageModelFile,
  triageModelFrom,
} from '../../platform/triage/model.ts';

describe('loadTriageModel', () => {
  it('reads the file once and keeps the model', () => {
    expect(loadTriageModel()).toBe(loadTriageModel());
  });

  it('refuses a file trained on other features or in another format', () => {
    const file = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as TriageModelFile;
    expect(() => triageModelFrom({ ...file, featuresVersion: file.featuresVersion + 1 })).toThrow(/retrain/);
    expect(() => triageModelFrom({ ...file, format: 'other' as TriageModelFile['format'] })).toThrow(
      /format/,
    );
    expect(() => triageModelFrom({ ...file, category: { ...file.category, labels: ['flood'] } })).toThrow(
      /unknown category labels flood/,
    );
  });

  it('answers labels of the contract for empty, symbol-only, mixed and very long texts', () => {
    const model = loadTriageModel();
    const long = 'Ассалому алайкум, ванна хонада кран оқяпти. '.repeat(120);
    for (const text of ['', '   ', '😭😭😭', '!!!', 'lift ne rabotaet, 9-qavatdan tushib bo‘lmaydi', long]) {
      const c = model.classify(text);
      expect(DISPATCH_CATEGORIES).toContain(c.category.value);
      expect(URGENCIES).toContain(c.urgency.value);
      expect(REQUEST_LANGUAGES).toContain(c.language.value);
      expect(c.categoryTop.length).toBeGreaterThanOrEqual(1);
    }
    expect(model.classify(long).language.value).toBe('uz_cyrl');
    expect(model.classify(long).category.value).toBe('water_leak');
  });
});
