// Authentication and role checks as middleware, so each route states its roles in one line and
// the OpenAPI document can say the same.
import { createMiddleware } from 'hono/factory';
import { hasRole, type Principal, type Role } from '../../domain/access/roles.ts';
import { forbidden, unauthorized } from '../problem.ts';
import type { AppEnv } from '../types.ts';

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match?.[1]) throw unauthorized('a bearer token is required (Authorization: Bearer <JWT>)');
  const result = await c.get('deps').verifyToken(match[1]);
  if ('error' in result) throw unauthorized(result.error);
  c.set('principal', result);
  await next();
});

/** Authenticates, then admits only the listed roles. */
export function requireRoles(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await authenticate(c, async () => {
      if (!hasRole(c.get('principal'), ...roles)) {
        throw forbidden(`this endpoint is for: ${roles.join(', ')}`);
      }
      await next();
    });
  });
}

/**
 * Every role but developer: a developer sees only its own commissioning, never the register's
 * buildings. A summary says "any role but developer" for these and "any role" only when every
 * role is admitted (tests/platform/openapi-contract.test.ts holds the words to the code).
 */
export const ANY_ROLE: Role[] = ['resident', 'management_company', 'council', 'inspector', 'admin'];

export function principalOf(c: { var: { principal: Principal } }): Principal {
  return c.var.principal;
}
