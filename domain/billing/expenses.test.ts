import { describe, expect, it } from 'vitest';
import { planExpenses } from './expenses.ts';

const e = (kind: 'electricity' | 'management', amount: number, ref = kind) => ({ kind, amount, ref });

describe('planExpenses', () => {
  it('pays the electricity first whatever the order given', () => {
    const plan = planExpenses(1000, [e('management', 600), e('electricity', 500)]);
    expect(plan.pay.map((r) => r.kind)).toEqual(['electricity']);
    expect(plan.deferred.map((r) => r.kind)).toEqual(['management']);
    expect(plan.left).toBe(500);
  });
  it('pays nothing else while the electricity is not covered', () => {
    const plan = planExpenses(400, [e('electricity', 500), e('management', 300)]);
    expect(plan.pay).toEqual([]);
    expect(plan.left).toBe(400);
  });
  it('pays everything the balance covers, whole', () => {
    expect(planExpenses(1100, [e('management', 600), e('electricity', 500)]).left).toBe(0);
    expect(() => planExpenses(10, [e('management', 0)])).toThrow(RangeError);
  });
});
