// What the commissioning routers share: rule errors as problem+json, the application a caller may
// see, starting its workflow and handing a step to it as an update.
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { type CommissioningView, getApplicationView, maySee } from '../../db/commissioning/views.ts';
import type { CommissioningRuleCode } from '../../domain/commissioning/errors.ts';
import { COMMISSIONING_FAILURES, commissioningWorkflowId } from '../../workflows/commissioning/ids.ts';
import { type Ctx, emOf, startOnce, temporalOf } from '../context.ts';
import { type FieldError, forbidden, HttpProblem, notFound } from '../problem.ts';
import { bodyFields, ruleProblems } from '../rule-problem.ts';

const STATUS: Record<CommissioningRuleCode, 400 | 403 | 404 | 409 | 422> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  conditions_missing: 409,
  idempotency_conflict: 409,
  invalid: 400,
  signature_rejected: 422,
};

export const { ruled } = ruleProblems(STATUS);

/** The application as this caller may see it (its developer, an inspector of the district, admin), or 404/403. */
export async function visibleApplication(c: Ctx, id: string): Promise<CommissioningView> {
  const view = await getApplicationView(emOf(c), id);
  if (!view) throw notFound('no such commissioning application');
  if (!maySee(c.var.principal, { developerTin: view.developer.tin, districtId: view.districtId }))
    throw forbidden('this application is outside your scope');
  return view;
}

export const startCommissioning = (c: Ctx, applicationId: string) =>
  startOnce(c, {
    workflowType: 'commissioningApplication',
    queue: 'commissioning',
    workflowId: commissioningWorkflowId(applicationId),
    args: [{ applicationId }],
    what: 'application',
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
  const reason = info.reason ? { reason: info.reason } : undefined;
  switch (cause.type) {
    case COMMISSIONING_FAILURES.signatureRejected:
      return new HttpProblem(422, detail, {
        errors: errors.length ? errors : [{ field: 'body.signature', message: detail }],
        extensions: { reason: info.reason ?? 'bad_signature' },
      });
    case COMMISSIONING_FAILURES.invalidInput:
      return new HttpProblem(400, detail, {
        errors: errors.length ? errors : [{ field: 'body', message: detail }],
        extensions: reason,
      });
    case COMMISSIONING_FAILURES.forbidden:
      return new HttpProblem(403, detail, { extensions: reason });
    case COMMISSIONING_FAILURES.notFound:
      return new HttpProblem(404, detail);
    default:
      return new HttpProblem(409, detail, { ...(errors.length ? { errors } : {}), extensions: reason });
  }
}

/** Lets the workflow decide under its own lock, then answers with the application as it left it. */
export async function updateApplication(c: Ctx, id: string, update: string, arg: object) {
  const client = temporalOf(c);
  // A decided application's workflow has ended: nothing moves it, and no update would be answered.
  const before = await getApplicationView(emOf(c), id);
  if (before && (before.state === 'commissioned' || before.state === 'rejected'))
    throw new HttpProblem(409, `the application is ${before.state}: nothing changes it any more`);
  const handle = client.workflow.getHandle(commissioningWorkflowId(id));
  try {
    await client.withDeadline(Date.now() + 30_000, () =>
      handle.executeUpdate(update, { args: [{ ...arg, principal: c.var.principal }] }),
    );
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw refusal(err);
    c.var.deps.logger.error({ err, id }, `commissioning ${update} update failed`);
    throw new HttpProblem(
      503,
      `the application's workflow did not answer the ${update} request; retry later`,
    );
  }
  return (await getApplicationView(emOf(c), id))!;
}
