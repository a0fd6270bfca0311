import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCH_POLICY, resolveDispatchPolicy } from './policy.ts';

describe('dispatch policy', () => {
  it('defaults follow the model rules (Decree 416 para. 13) and the design choices', () => {
    const p = DEFAULT_DISPATCH_POLICY;
    expect([p.answerMinutes, p.callBackMinutes, p.containEmergencyMinutes, p.sewerBlockageMinutes]).toEqual([
      5, 10, 30, 120,
    ]);
    expect(p.containCategories).toEqual(['water_leak', 'sewerage', 'heating', 'electricity']);
    expect([p.urgentMinutes, p.routineDays, p.massThreshold, p.massWindowMinutes]).toEqual([1440, 7, 3, 60]);
  });

  it('layers overrides, merging the photo limits, later layers winning', () => {
    const p = resolveDispatchPolicy({ containEmergencyMinutes: 10, photos: { maxFiles: 2 } }, undefined, {
      containEmergencyMinutes: 0.05,
    });
    expect(p.containEmergencyMinutes).toBe(0.05);
    expect(p.photos.maxFiles).toBe(2);
    expect(p.photos.maxBytes).toBe(DEFAULT_DISPATCH_POLICY.photos.maxBytes);
    expect(DEFAULT_DISPATCH_POLICY.containEmergencyMinutes).toBe(30);
  });
});
