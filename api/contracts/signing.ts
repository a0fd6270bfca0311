// Signing keys and signatures. A party signs the exact document up for signature; the workflow
// verifies the signature against the signer's registered key (or E-IMZO) and decides under its lock.
import { createRoute } from '@hono/zod-openapi';
import { registerSigningKey, signingKeysOf } from '../../db/signatures/keys.ts';
import { canProposeChange } from '../../domain/contracts/access.ts';
import { validateContractParameters } from '../../domain/contracts/document.ts';
import {
  proposeUpdate,
  retryTaxRegistrationUpdate,
  signUpdate,
  withdrawUpdate,
} from '../../workflows/contracts/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem } from '../problem.ts';
import { SignBody } from '../signed-document.ts';
import { ruled, updateContract, visibleContract } from './common.ts';
import {
  AmendBody,
  ContractViewSchema,
  EmptyBody,
  KeyBody,
  KeyListSchema,
  KeySchema,
  TerminateBody,
} from './schemas.ts';
import { assertMinimumTariff } from './start.ts';

const ANY_ROLE = ['resident', 'management_company', 'council', 'inspector', 'admin'] as const;
/** Developers sign commissioning acts with the same keys. */
const KEY_ROLES = [...ANY_ROLE, 'developer'] as const;
const content = { 'application/json': { schema: ContractViewSchema } };
const json = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const problem422 = {
  422: {
    description:
      'The signature was refused: `reason` is bad_signature, wrong_signer, document_changed, malformed, certificate_revoked or certificate_expired',
    content: { 'application/problem+json': { schema: { type: 'object' as const } } },
  },
};

/** Each change's operationId, stable for generated clients. */
const CHANGE_OPERATIONS = {
  amendments: 'proposeAmendment',
  termination: 'proposeTermination',
  withdrawal: 'withdrawContractDocument',
  'tax-registration': 'retryTaxRegistration',
} as const;

const change = <S extends typeof AmendBody | typeof TerminateBody | typeof EmptyBody>(
  path: keyof typeof CHANGE_OPERATIONS,
  summary: string,
  schema: S,
) =>
  createRoute({
    method: 'post',
    operationId: CHANGE_OPERATIONS[path],
    path: `/contracts/{id}/${path}`,
    tags: ['contracts'],
    summary,
    security: bearer,
    middleware: [requireRoles(...ANY_ROLE)] as const,
    request: { params: UuidParam, body: json(schema) },
    responses: {
      200: { description: 'The contract after the step', content },
      ...problems(400, 401, 403, 404, 409, 422),
    },
  });

export const signingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'registerSigningKey',
      path: '/me/signing-keys',
      tags: ['contracts'],
      summary: "Register the caller's public key for the built-in signature scheme (any role)",
      security: bearer,
      middleware: [requireRoles(...KEY_ROLES)] as const,
      request: { body: json(KeyBody) },
      responses: {
        201: { description: 'Registered', content: { 'application/json': { schema: KeySchema } } },
        200: { description: 'Already registered', content: { 'application/json': { schema: KeySchema } } },
        ...problems(400, 401),
      },
    }),
    async (c) => {
      const { key, created } = await ruled(
        registerSigningKey(emOf(c), c.var.principal.userId, c.req.valid('json').publicKeyJwk as JsonWebKey),
      );
      return c.json(key, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listSigningKeys',
      path: '/me/signing-keys',
      tags: ['contracts'],
      summary: "The caller's registered public keys (any role)",
      security: bearer,
      middleware: [requireRoles(...KEY_ROLES)] as const,
      responses: {
        200: { description: 'Keys', content: { 'application/json': { schema: KeyListSchema } } },
        ...problems(401),
      },
    }),
    async (c) => c.json({ keys: await signingKeysOf(emOf(c), c.var.principal.userId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'signContract',
      path: '/contracts/{id}/signatures',
      tags: ['contracts'],
      summary:
        "Sign the document up for signature for the caller's party (the owners' authorized representative; the organization's staff or the lessee)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam, headers: IdempotencyHeader, body: json(SignBody) },
      responses: {
        200: { description: 'The contract with the signature recorded', content },
        ...problems(400, 401, 403, 404, 409),
        ...problem422,
      },
    }),
    async (c) => {
      const { view, scope } = await visibleContract(c, c.req.valid('param').id);
      if (!canProposeChange(c.var.principal, scope.parties))
        throw forbidden('you sign for neither party of this contract');
      if (!view.pending)
        throw new HttpProblem(409, `nothing awaits signatures while the contract is ${view.state}`);
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const updated = await updateContract(c, view.id, signUpdate, {
        documentSha256: body.documentSha256,
        signature: body.signature,
        idempotencyKey: `${c.var.principal.userId}:${key}`,
        requestSha256: await requestHash(body),
      });
      return c.json(updated, 200);
    },
  )
  .openapi(
    change(
      'amendments',
      'Propose an amendment with new parameters, put up for both signatures (a party)',
      AmendBody,
    ),
    async (c) => {
      const { view, scope } = await visibleContract(c, c.req.valid('param').id);
      if (!canProposeChange(c.var.principal, scope.parties))
        throw forbidden('only a party proposes an amendment');
      const body = c.req.valid('json');
      // The same rule as at the start: otherwise terms never checked would be rendered and signed.
      const params = validateContractParameters(view.kind, body.parameters);
      if (!params.ok)
        throw new HttpProblem(400, 'invalid contract parameters', {
          errors: params.errors.map((e) => ({ field: `body.${e.field}`, message: e.message })),
        });
      await assertMinimumTariff(
        emOf(c),
        c.var.deps.config.billing.policy.minimumTariffs,
        params.value,
        view.buildingIds,
      );
      return c.json(
        await updateContract(c, view.id, proposeUpdate, {
          change: 'amendment',
          parameters: params.value,
          lang: body.lang,
        }),
        200,
      );
    },
  )
  .openapi(
    change(
      'termination',
      'Propose termination with a reason, put up for both signatures (a party)',
      TerminateBody,
    ),
    async (c) => {
      const { view, scope } = await visibleContract(c, c.req.valid('param').id);
      if (!canProposeChange(c.var.principal, scope.parties))
        throw forbidden('only a party proposes termination');
      const body = c.req.valid('json');
      return c.json(
        await updateContract(c, view.id, proposeUpdate, {
          change: 'termination',
          reason: body.reason,
          lang: body.lang,
        }),
        200,
      );
    },
  )
  .openapi(
    change('withdrawal', 'Withdraw the document awaiting signatures (a party)', EmptyBody),
    async (c) => {
      const { view, scope } = await visibleContract(c, c.req.valid('param').id);
      if (!canProposeChange(c.var.principal, scope.parties)) throw forbidden('only a party withdraws');
      return c.json(await updateContract(c, view.id, withdrawUpdate, {}), 200);
    },
  )
  .openapi(
    change(
      'tax-registration',
      "Try the tax registration again now (the organization's staff, admin)",
      EmptyBody,
    ),
    async (c) => {
      const { view } = await visibleContract(c, c.req.valid('param').id);
      const p = c.var.principal;
      if (
        !(
          p.roles.includes('admin') ||
          (p.roles.includes('management_company') && p.organizationId === view.organization.id)
        )
      )
        throw forbidden("only the organization's staff register the contract");
      return c.json(await updateContract(c, view.id, retryTaxRegistrationUpdate), 200);
    },
  );
