// What the contract routers share: rule errors as problem+json, the contract a caller may see,
// and handing a party's step to the contract's workflow as an update.
import type { UpdateDefinition } from '@temporalio/common';
import { contractScope, getContractView, ownsApartmentUnder } from '../../db/contracts/views.ts';
import type { Principal } from '../../domain/access/roles.ts';
import { type ContractScope, canReadContract } from '../../domain/contracts/access.ts';
import type { ContractRuleCode } from '../../domain/contracts/errors.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import {
  type ContractFlowState,
  contractWorkflow,
  contractWorkflowId,
} from '../../workflows/contracts/contract.ts';
import { type Ctx, emOf } from '../context.ts';
import { forbidden, notFound } from '../problem.ts';
import { ruleProblems } from '../rule-problem.ts';
import { runUpdate, startOnce } from '../workflows.ts';

const STATUS: Record<ContractRuleCode, 400 | 403 | 404 | 409 | 422> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  idempotency_conflict: 409,
  not_selectable: 409,
  invalid: 400,
  signature_rejected: 422,
};

export const { ruled } = ruleProblems(STATUS, 'contracts');

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
  startOnce(c, contractWorkflow, {
    workflowId: contractWorkflowId(contractId),
    args: [{ contractId }],
    what: 'contract',
  });

/** Lets the workflow decide under its own lock, then answers with the contract as it left it. */
export async function updateContract<A extends [] | [{ principal: Principal }]>(
  c: Ctx,
  contractId: string,
  update: UpdateDefinition<ContractFlowState, A>,
  ...arg: A extends [infer I] ? [Omit<I, 'principal'>] : []
) {
  await runUpdate(
    c,
    {
      workflow: contractWorkflow,
      workflowId: contractWorkflowId(contractId),
      update,
      args: arg.map((a) => ({ ...a, principal: c.var.principal })) as A,
    },
    {
      capability: 'contracts',
      status: STATUS,
      noAnswer: `the contract's workflow did not answer the ${update.name} request; retry later`,
      defaultField: { signature_rejected: 'body.signature' },
      defaultReason: { signature_rejected: 'bad_signature' },
    },
  );
  return (await getContractView(emOf(c), contractId, c.var.principal))!;
}
