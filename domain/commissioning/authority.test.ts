import { describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.ts';
import type { CommissioningActor, CommissioningApplication, CommissioningCommand } from './application.ts';
import { actingAs, authorize, COMMISSIONING_TRANSITIONS } from './authority.ts';
import { DEFAULT_COMMISSIONING_POLICY, resolveCommissioningPolicy } from './policy.ts';

const app = { developerTin: '200000001', districtId: 'd1' } as CommissioningApplication;
const user = (roles: Role[], districtId: string | null, actingForTin: string | null): CommissioningActor => ({
  kind: 'user',
  principal: { userId: 'u', personId: null, roles, organizationId: null, districtId, name: 'x' },
  actingForTin,
});

describe('authority', () => {
  it('a developer who is also an inspector of the district acts as both', () => {
    expect(actingAs(app, user(['inspector'], 'd1', '200000001'))).toEqual(['developer', 'inspector']);
  });

  it('only the system expires, only the inspector commissions', () => {
    expect(COMMISSIONING_TRANSITIONS.expire.by).toEqual(['system']);
    expect(COMMISSIONING_TRANSITIONS.commission.by).toEqual(['inspector']);
  });

  it('reads who may record a condition from the policy', () => {
    const cmd: CommissioningCommand = {
      type: 'record_condition',
      condition: 'shown_in_registry',
      evidence: { documentId: 'd', signedByTins: [] },
    };
    const dev = user([], null, '200000001');
    expect(authorize(DEFAULT_COMMISSIONING_POLICY, app, cmd, dev)).toEqual({
      code: 'forbidden',
      action: 'record_condition',
    });
    const p = resolveCommissioningPolicy({ recorders: { shown_in_registry: ['developer'] } });
    expect(authorize(p, app, cmd, dev)).toBeNull();
  });

  it('tells an inspector elsewhere from someone without the role', () => {
    const cmd = { type: 'commission' } as const;
    expect(authorize(DEFAULT_COMMISSIONING_POLICY, app, cmd, user(['inspector'], 'd2', null))?.code).toBe(
      'out_of_scope',
    );
    expect(authorize(DEFAULT_COMMISSIONING_POLICY, app, cmd, user(['council'], 'd1', null))?.code).toBe(
      'forbidden',
    );
  });
});
