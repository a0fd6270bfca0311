// The committed triage model, with the emergency rules in front of it, judged on the probe: 304
// requests written the way residents send them (domain/dispatch/dataset/README.md). Training
// never reads it and no setting is chosen by it. The floors sit a little below the measured
// figures (README, triage section), so a retraining that reads such requests worse fails here.
import { describe, expect, it } from 'vitest';
import { loadTriageModel } from '../../platform/triage/model.ts';
import { judge } from '../../scripts/lib/triage-judge.ts';
import { readJsonl } from '../../scripts/lib/triage-training.ts';

const probe = readJsonl(new URL('../../domain/dispatch/dataset/probe.jsonl', import.meta.url));

describe('the committed triage model on the probe set', () => {
  const judged = judge(loadTriageModel(), probe);

  it('reads all 304 probe requests', () => {
    expect(probe).toHaveLength(304);
  });

  it('category macro-F1 ≥ 0.92', () => {
    expect(judged.category.macroF1).toBeGreaterThanOrEqual(0.92);
  });

  it('emergency recall ≥ 0.97', () => {
    expect(judged.emergencyRecall).toBeGreaterThanOrEqual(0.97);
  });

  it('urgency macro-F1 ≥ 0.83', () => {
    expect(judged.urgency.macroF1).toBeGreaterThanOrEqual(0.83);
  });

  it('language accuracy ≥ 0.96', () => {
    expect(judged.language.accuracy).toBeGreaterThanOrEqual(0.96);
  });

  it('no near miss the probe spells out is raised by a rule', () => {
    // A request labelled routine that a rule calls an emergency is a rule firing on a near miss
    // (a fixed spark, a fire that is out, "запаха газа нет"): the rules must not.
    const raised = judged.answers.filter((a) => a.row.urgency === 'routine' && a.rule !== null);
    expect(raised.map((a) => a.row.text)).toEqual([]);
  });
});
