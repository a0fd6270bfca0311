// The developer is a role of its own, acting for the construction company in its token's `dtin`
// claim; it sees no registry buildings and is the only party who may apply.
import { describe, expect, it } from 'vitest';
import { principalFromClaims } from '../../api/auth/principal.ts';
import { actorOf } from '../../db/commissioning/repository.ts';
import { buildingScopeOf, type Principal } from '../../domain/access/roles.ts';

describe('developer role', () => {
  it('maps the dtin claim onto the principal, and refuses a developer without one', () => {
    const p = principalFromClaims({ sub: 'u1', roles: ['developer'], dtin: '200000001' }) as Principal;
    expect(p).toMatchObject({ roles: ['developer'], developerTin: '200000001' });
    expect(actorOf(p)).toMatchObject({ kind: 'user', actingForTin: '200000001' });
    expect(principalFromClaims({ sub: 'u1', roles: ['developer'] })).toEqual({
      error: 'a developer token needs dtin, a 9-digit TIN',
    });
    expect(principalFromClaims({ sub: 'u1', roles: ['developer'], dtin: '12' })).toHaveProperty('error');
  });

  it('ignores dtin for other roles, and gives a developer no building scope', () => {
    const r = principalFromClaims({ sub: 'u1', roles: ['resident'], dtin: 'x' }) as Principal;
    expect(r.developerTin).toBeNull();
    const p = principalFromClaims({ sub: 'u1', roles: ['developer'], dtin: '200000001' }) as Principal;
    expect(buildingScopeOf(p)).toEqual({ kind: 'none' });
  });
});
