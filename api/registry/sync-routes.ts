// Starting a building's registry sync (a Temporal workflow) and reading what the syncs found.
// Roles: management_company (its buildings), council and inspector (their district), admin.
// The client's Idempotency-Key is part of the workflow id, so a retried POST never starts twice.
import { createRoute, z } from '@hono/zod-openapi';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { listRegistryChecks } from '../../db/registry/repository.ts';
import { startWorkflow } from '../../platform/workflow-client.ts';
import { registrySyncWorkflow, registrySyncWorkflowId } from '../../workflows/registry/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { temporalOf } from '../context.ts';
import { IdempotencyHeader } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { queueOf } from '../workflows.ts';
import { assertBuildingVisible } from './visibility.ts';

const STAFF = ['management_company', 'council', 'inspector', 'admin'] as const;

const Started = z
  .object({ workflowId: z.string(), runId: z.string(), alreadyStarted: z.boolean() })
  .openapi('RegistrySyncStarted');

const Check = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    runId: z.string(),
    checkedAt: z.string(),
    ok: z.boolean(),
    findings: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('RegistryCheck');

export const registrySyncRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'startRegistrySync',
      path: '/buildings/{id}/registry-sync',
      tags: ['registry'],
      summary:
        'Start a registry sync of the building (management_company, council, inspector, admin; scoped)',
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: UuidParam, headers: IdempotencyHeader },
      responses: {
        202: {
          description: 'Started (or already started with this key)',
          content: { 'application/json': { schema: Started } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      await assertBuildingVisible(c, id);
      const client = temporalOf(c);
      const workflowId = `${registrySyncWorkflowId(id)}:${key}`;
      try {
        const handle = await startWorkflow(client, registrySyncWorkflow, {
          taskQueue: queueOf(c, registrySyncWorkflow),
          workflowId,
          args: [{ buildingId: id }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          memo: { requestedBy: c.var.principal.userId },
        });
        return c.json({ workflowId, runId: handle.firstExecutionRunId, alreadyStarted: false }, 202);
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        const described = await client.workflow.getHandle(workflowId).describe();
        return c.json({ workflowId, runId: described.runId, alreadyStarted: true }, 202);
      }
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listRegistryChecks',
      path: '/buildings/{id}/registry-checks',
      tags: ['registry'],
      summary:
        'What registry syncs found, newest first (management_company, council, inspector, admin; scoped)',
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'Checks', content: { 'application/json': { schema: z.array(Check) } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const checks = await listRegistryChecks(c.var.deps.orm.em.fork(), id);
      return c.json(checks as z.infer<typeof Check>[], 200);
    },
  );
