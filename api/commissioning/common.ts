// What the commissioning routers share: rule errors as problem+json, the application a caller may
// see, starting its workflow and handing a step to it as an update.
import type { UpdateDefinition } from '@temporalio/common';
import { actorOf, appOf } from '../../db/commissioning/repository.ts';
import {
  applicationRow,
  type CommissioningView,
  getApplicationView,
  maySee,
} from '../../db/commissioning/views.ts';
import { type AskedStep, authorize } from '../../domain/commissioning/authority.ts';
import { type CommissioningRuleCode, refusalError } from '../../domain/commissioning/errors.ts';
import {
  type CommissioningActorInput,
  type CommissioningFlowState,
  commissioningWorkflow,
  commissioningWorkflowId,
} from '../../workflows/commissioning/contract.ts';
import { type Ctx, emOf } from '../context.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { ruleProblems } from '../rule-problem.ts';
import { runUpdate, startOnce } from '../workflows.ts';

const STATUS: Record<CommissioningRuleCode, 400 | 403 | 404 | 409 | 422> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  conditions_missing: 409,
  idempotency_conflict: 409,
  invalid: 400,
  signature_rejected: 422,
};

export const { ruled, toProblem } = ruleProblems(STATUS, 'commissioning');

/** The application as this caller may see it (its developer, an inspector of the district, admin), or 404/403. */
export async function visibleApplication(c: Ctx, id: string): Promise<CommissioningView> {
  const view = await getApplicationView(emOf(c), id);
  if (!view) throw notFound('no such commissioning application');
  if (!maySee(c.var.principal, { developerTin: view.developer.tin, districtId: view.districtId }))
    throw forbidden('this application is outside your scope');
  return view;
}

export const startCommissioning = (c: Ctx, applicationId: string) =>
  startOnce(c, commissioningWorkflow, {
    workflowId: commissioningWorkflowId(applicationId),
    args: [{ applicationId }],
    what: 'application',
  });

/**
 * Lets the workflow decide under its own lock, then answers with the application as it left it.
 * `asked` names the step as the rules know it, so a caller who may not take it is refused (403)
 * before anything about the application's state is told; a signature names none, its signer being
 * checked against the act (visibleAct) before this is called.
 */
export async function updateApplication<I extends CommissioningActorInput>(
  c: Ctx,
  id: string,
  update: UpdateDefinition<CommissioningFlowState, [I]>,
  arg: Omit<I, 'principal'>,
  asked: AskedStep | null,
) {
  const row = await applicationRow(emOf(c), id);
  const denied = row && asked && authorize(row.policy, appOf(row), asked, actorOf(c.var.principal));
  if (denied) throw toProblem(refusalError(denied));
  // A decided application's workflow has ended: nothing moves it, and no update would be answered.
  if (row && (row.state === 'commissioned' || row.state === 'rejected'))
    throw new HttpProblem(409, `the application is ${row.state}: nothing changes it any more`);
  await runUpdate(
    c,
    {
      workflow: commissioningWorkflow,
      workflowId: commissioningWorkflowId(id),
      update,
      args: [{ ...arg, principal: c.var.principal } as I],
    },
    {
      capability: 'commissioning',
      status: STATUS,
      noAnswer: `the application's workflow did not answer the ${update.name} request; retry later`,
      defaultField: { signature_rejected: 'body.signature' },
      defaultReason: { signature_rejected: 'bad_signature' },
    },
  );
  return (await getApplicationView(emOf(c), id))!;
}
