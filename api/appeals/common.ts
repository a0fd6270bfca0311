// What the appeal routers share: rule errors as problem+json, the appeal as a caller may see it,
// and handing a step to the appeal's workflow as an update.
import { attachmentsOf } from '../../db/appeals/attachments.ts';
import { loadAppeal } from '../../db/appeals/repository.ts';
import { canView } from '../../domain/appeals/appeal.ts';
import type { AppealRuleCode } from '../../domain/appeals/errors.ts';
import { type AppealJson, appealJson } from '../../domain/appeals/json.ts';
import { describeRefusal } from '../../domain/appeals/refusals.ts';
import { authorize, availableActions } from '../../domain/appeals/status.ts';
import {
  type ActInput,
  actUpdate,
  appealWorkflow,
  appealWorkflowId,
} from '../../workflows/appeals/contract.ts';
import { type Ctx, emOf } from '../context.ts';
import { forbidden, notFound } from '../problem.ts';
import { ruleProblems } from '../rule-problem.ts';
import { runUpdate, startOnce } from '../workflows.ts';

const STATUS: Record<AppealRuleCode, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  idempotency_conflict: 409,
  invalid: 400,
};

export const { ruled } = ruleProblems(STATUS, 'appeals');

/** The appeal as this caller may see it, or 404/403. */
export async function visibleAppeal(c: Ctx, id: string): Promise<AppealJson> {
  const em = emOf(c);
  const stored = await loadAppeal(em, id);
  if (!stored) throw notFound('no such appeal');
  const p = c.var.principal;
  if (!canView(p, stored.appeal)) throw forbidden('this appeal is outside your scope');
  return appealJson(stored.appeal, {
    attachments: await attachmentsOf(em, id),
    availableActions: availableActions(stored.appeal, { kind: 'user', principal: p }),
    now: Date.now(),
  });
}

export const startLifecycle = (c: Ctx, appealId: string) =>
  startOnce(c, appealWorkflow, {
    workflowId: appealWorkflowId(appealId),
    args: [{ appealId }],
    what: 'appeal',
  });

/**
 * Hands the caller's step to the appeal's workflow; answers with the appeal as the step left it.
 * Who may take the step is settled first, on the stored appeal: a body the appeal is not addressed
 * to hears 403 whatever its state, even once its workflow has ended.
 */
export async function actOn(c: Ctx, appealId: string, arg: Omit<ActInput, 'principal'>) {
  const stored = await loadAppeal(emOf(c), appealId);
  const denied =
    stored && authorize(stored.appeal, arg.command.type, { kind: 'user', principal: c.var.principal });
  if (denied) throw forbidden(describeRefusal(denied).message);
  await runUpdate(
    c,
    {
      workflow: appealWorkflow,
      workflowId: appealWorkflowId(appealId),
      update: actUpdate,
      args: [{ ...arg, principal: c.var.principal }],
    },
    { capability: 'appeals', status: STATUS, noAnswer: "the appeal's workflow did not answer; retry later" },
  );
  return visibleAppeal(c, appealId);
}
