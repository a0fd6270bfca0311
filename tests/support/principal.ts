// A caller as the API sees it after the token, for tests that call db/ functions directly.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../domain/access/roles.ts';

/** A principal with no roles and no scope, but for what `p` gives it. */
export const testPrincipal = (p: Partial<Principal>): Principal => ({
  userId: randomUUID(),
  personId: null,
  roles: [],
  organizationId: null,
  districtId: null,
  name: 'Test',
  developerTin: null,
  ...p,
});
