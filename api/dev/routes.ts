// Development-only endpoints for the demo portal: the personas, tokens for them, and the mail
// the embedded SMTP catcher received. The app mounts this router only when NODE_ENV=development,
// so in any other environment these paths do not exist at all (404, not 403).
import { createRoute, z } from '@hono/zod-openapi';
import { Council, ManagementOrganization } from '../../db/registry/entities.ts';
import { getUserWithGrants } from '../../db/registry/repository.ts';
import { DEMO_IDS, DEMO_PERSONAS } from '../../db/seed/personas.ts';
import { createRouter, problems, publicAccess } from '../openapi.ts';
import { notFound } from '../problem.ts';

const Persona = z
  .object({
    key: z.string(),
    userId: z.string(),
    role: z.string(),
    label: z.object({ uz: z.string(), ru: z.string(), en: z.string() }),
    buildingId: z.string().optional(),
  })
  .openapi('DemoPersona');

const personaKeys = DEMO_PERSONAS.map((p) => p.key) as [string, ...string[]];
const TOKEN_TTL_SECONDS = 8 * 3600;

export const devRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listDevPersonas',
      path: '/personas',
      tags: ['development'],
      summary: 'Demo personas (development only, public)',
      security: publicAccess,
      responses: {
        200: { description: 'Personas', content: { 'application/json': { schema: z.array(Persona) } } },
      },
    }),
    (c) =>
      c.json(
        DEMO_PERSONAS.map((p) => ({ ...p })),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'issueDevToken',
      path: '/token',
      tags: ['development'],
      summary: 'A signed token for a demo persona (development only, public)',
      security: publicAccess,
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ persona: z.enum(personaKeys) }) } },
        },
      },
      responses: {
        200: {
          description: 'Token',
          content: { 'application/json': { schema: z.object({ token: z.string(), expiresIn: z.number() }) } },
        },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { persona } = c.req.valid('json');
      const { deps } = c.var;
      const userId = DEMO_PERSONAS.find((p) => p.key === persona)!.userId;
      const found = await getUserWithGrants(deps.orm.em.fork(), userId);
      if (!found) throw notFound('the demo data is not seeded: run `npm start` on an empty database');
      const grant = (role: string) => found.grants.find((g) => g.role === role);
      const scoped = found.grants.find((g) => g.organizationId || g.districtId);
      const token = await deps.dev!.issuer.sign(
        {
          sub: found.user.id,
          name: found.person?.fullName ?? found.user.displayName,
          pid: found.person?.id ?? null,
          roles: found.grants.map((g) => g.role),
          org: grant('management_company')?.organizationId ?? scoped?.organizationId ?? null,
          district: scoped?.districtId ?? null,
          // A developer acts for its company's TIN; the demo has one such company.
          ...(grant('developer') ? { dtin: DEMO_IDS.developer.tin } : {}),
        },
        TOKEN_TTL_SECONDS,
      );
      return c.json({ token, expiresIn: TOKEN_TTL_SECONDS }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listDevMailboxes',
      path: '/personas/{key}/mailboxes',
      tags: ['development'],
      summary:
        "The addresses a demo persona reads: their own, their organization's, their council's (development only, public)",
      security: publicAccess,
      request: { params: z.object({ key: z.enum(personaKeys) }) },
      responses: {
        200: { description: 'Addresses', content: { 'application/json': { schema: z.array(z.string()) } } },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { key } = c.req.valid('param');
      const em = c.var.deps.orm.em.fork();
      const found = await getUserWithGrants(em, DEMO_PERSONAS.find((p) => p.key === key)!.userId);
      if (!found) throw notFound('the demo data is not seeded: run `npm start` on an empty database');
      const orgIds = found.grants.flatMap((g) => (g.organizationId ? [g.organizationId] : []));
      const districtIds = found.grants.flatMap((g) => (g.districtId ? [g.districtId] : []));
      const [orgs, councils] = await Promise.all([
        orgIds.length ? em.find(ManagementOrganization, { id: { $in: orgIds } }) : [],
        districtIds.length ? em.find(Council, { district: { $in: districtIds } }) : [],
      ]);
      const addresses = [found.person?.email, ...orgs.map((o) => o.email), ...councils.map((x) => x.email)];
      return c.json([...new Set(addresses.filter((a): a is string => Boolean(a)))], 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listCaughtMail',
      path: '/mail',
      tags: ['development'],
      summary: 'Messages caught by the embedded SMTP catcher (development only, public)',
      security: publicAccess,
      responses: {
        200: {
          description: 'Newest first',
          content: {
            'application/json': {
              schema: z.array(
                z.object({
                  id: z.string(),
                  from: z.string(),
                  to: z.string(),
                  subject: z.string(),
                  date: z.string(),
                  text: z.string(),
                }),
              ),
            },
          },
        },
      },
    }),
    (c) => c.json(c.var.deps.dev?.caughtMail?.() ?? [], 200),
  );
