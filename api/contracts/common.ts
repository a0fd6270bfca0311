// What the contract routers share: rule errors as problem+json, the contract a caller may see,
// and handing a party's step to the contract's workflow as an update.
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { contractScope, getContractView, ownsApartmentUnder } from '../../db/contracts/views.ts';
import { type ContractScope, canReadContract } from '../../domain/contracts/access.ts';
import type { ContractRuleCode } from '../../domain/contracts/errors.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import {
  CONTRACT_FAILURES,
  type ContractWorkflowInput,
  contractWorkflowId,
} from '../../workflows/contracts/ids.ts';
import { type Ctx, emOf, startOnce, temporalOf } from '../context.ts';
import { type FieldError, forbidden, HttpProblem, notFound } from '../problem.ts';
import { bodyFields, ruleProblems } from '../rule-problem.ts';

const STATUS: Record<ContractRuleCode, 400 | 403 | 404 | 409 | 422> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  idempotency_conflict: 409,
  not_selectable: 409,
  invalid: 400,
  signature_rejected: 422,
};

export const { ruled } = ruleProblems(STATUS);

/** The contract as this caller may see it, or 404/403. */
export async function visibleContract(
  c: Ctx,
  id: string,
): Promise<{ view: ContractView; scope: ContractScope }> {
  const em = emOf(c);
  const scope = await contractScope(em, id);
  if (!scope) throw notFound('no such contract');
  const p = c.var.principal;
  if (!canReadContract(p, scope, await ownsApartmentUnder(em, id, p.personId)))
    throw forbidden('this contract is outside your scope');
  return { view: (await getContractView(em, id, p))!, scope };
}

export const startLifecycle = (c: Ctx, contractId: string) =>
  startOnce(c, {
    workflowType: 'contractLifecycle',
    queue: 'contracts',
    workflowId: contractWorkflowId(contractId),
    args: [{ contractId } satisfies ContractWorkflowInput],
    what: 'contract',
  });

function refusal(err: WorkflowUpdateFailedError): HttpProblem {
  const cause = err.cause;
  const detail = (cause as Error | undefined)?.message ?? err.message;
  if (!(cause instanceof ApplicationFailure)) return new HttpProblem(409, detail);
  const [errors0, extra] = (cause.details ?? []) as [FieldError[]?, { reason?: string }?];
  const info = { errors: errors0, reason: extra?.reason };
  const errors = bodyFields(
    (info.errors ?? []).map((e) => e.field),
    detail,
  );
  switch (cause.type) {
    case CONTRACT_FAILURES.signatureRejected:
      return new HttpProblem(422, detail, {
        errors: errors.length ? errors : [{ field: 'body.signature', message: detail }],
        extensions: { reason: info.reason ?? 'bad_signature' },
      });
    case CONTRACT_FAILURES.invalidInput:
      return new HttpProblem(400, detail, {
        errors: errors.length ? errors : [{ field: 'body', message: detail }],
      });
    case CONTRACT_FAILURES.forbidden:
      return new HttpProblem(403, detail);
    case CONTRACT_FAILURES.notFound:
      return new HttpProblem(404, detail);
    default:
      return new HttpProblem(409, detail, errors.length ? { errors } : {});
  }
}

/** Lets the workflow decide under its own lock, then answers with the contract as it left it. */
export async function updateContract(c: Ctx, contractId: string, update: string, arg: object | null) {
  const client = temporalOf(c);
  const handle = client.workflow.getHandle(contractWorkflowId(contractId));
  try {
    await client.withDeadline(Date.now() + 30_000, () =>
      arg === null
        ? handle.executeUpdate(update)
        : handle.executeUpdate(update, { args: [{ ...arg, principal: c.var.principal }] }),
    );
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw refusal(err);
    c.var.deps.logger.error({ err, contractId }, `contract ${update} update failed`);
    throw new HttpProblem(503, `the contract's workflow did not answer the ${update} request; retry later`);
  }
  return (await getContractView(emOf(c), contractId, c.var.principal))!;
}
