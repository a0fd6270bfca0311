// The signed-in caller as GET /me describes them: every element that offers steps by role or scope
// asks the same question the same way. Roles are the domain's, so a misspelt one fails to compile.
import type { Principal } from '../../domain/access/roles.ts';
import { getJson, type RequestOptions } from './api.ts';

export type MeView = Pick<
  Principal,
  'userId' | 'personId' | 'name' | 'roles' | 'organizationId' | 'districtId'
>;

export const getMe = (o: RequestOptions) => getJson<MeView>('/api/v1/me', o);
