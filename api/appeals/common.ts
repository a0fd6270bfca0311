// What the appeal routers share: rule errors as problem+json, the appeal as a caller may see it,
// and handing a step to the appeal's workflow as an update.
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { attachmentsOf } from '../../db/appeals/attachments.ts';
import { loadAppeal } from '../../db/appeals/repository.ts';
import { canView } from '../../domain/appeals/appeal.ts';
import type { AppealRuleCode } from '../../domain/appeals/errors.ts';
import { type AppealJson, appealJson } from '../../domain/appeals/json.ts';
import { availableActions } from '../../domain/appeals/status.ts';
import { APPEAL_FAILURES, type AppealWorkflowInput, appealWorkflowId } from '../../workflows/appeals/ids.ts';
import { type Ctx, emOf, startOnce, temporalOf } from '../context.ts';
import { type FieldError, forbidden, HttpProblem, notFound } from '../problem.ts';
import { bodyFields, ruleProblems } from '../rule-problem.ts';

const STATUS: Record<AppealRuleCode, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  idempotency_conflict: 409,
  invalid: 400,
};

export const { ruled } = ruleProblems(STATUS);

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
  startOnce(c, {
    workflowType: 'appealLifecycle',
    queue: 'appeals',
    workflowId: appealWorkflowId(appealId),
    args: [{ appealId } satisfies AppealWorkflowInput],
    what: 'appeal',
  });

function refusal(err: WorkflowUpdateFailedError): HttpProblem {
  const cause = err.cause;
  const detail = (cause as Error | undefined)?.message ?? err.message;
  if (!(cause instanceof ApplicationFailure)) return new HttpProblem(409, detail);
  const fields = ((cause.details?.[0] ?? []) as FieldError[]).map((f) => f.field);
  const errors = bodyFields(fields, detail);
  switch (cause.type) {
    case APPEAL_FAILURES.invalidInput:
      return new HttpProblem(400, detail, {
        errors: errors.length ? errors : [{ field: 'body', message: detail }],
      });
    case APPEAL_FAILURES.forbidden:
      return new HttpProblem(403, detail);
    case APPEAL_FAILURES.notFound:
      return new HttpProblem(404, detail);
    default:
      return new HttpProblem(409, detail, errors.length ? { errors } : {});
  }
}

export async function actOn(c: Ctx, appealId: string, arg: { command: object; attachmentIds?: string[] }) {
  const client = temporalOf(c);
  const handle = client.workflow.getHandle(appealWorkflowId(appealId));
  try {
    await client.withDeadline(Date.now() + 30_000, () =>
      handle.executeUpdate('act', { args: [{ ...arg, principal: c.var.principal }] }),
    );
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw refusal(err);
    c.var.deps.logger.error({ err, appealId }, 'appeal update failed');
    throw new HttpProblem(503, "the appeal's workflow did not answer; retry later");
  }
  return visibleAppeal(c, appealId);
}
