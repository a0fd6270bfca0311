// What the register routers share: rule errors as problem+json, the application a caller may see,
// and handing a reviewer's or applicant's step to the application's workflow as an update.
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationView, getApplication } from '../../db/register/repository.ts';
import type { Principal } from '../../domain/access/roles.ts';
import type { RegisterRuleCode } from '../../domain/register/errors.ts';
import {
  authorize,
  REGISTER_TRANSITIONS,
  type RegisterAction,
  type RegisterEntry,
} from '../../domain/register/status.ts';
import { REGISTER_FAILURES, registerWorkflowId } from '../../workflows/register/ids.ts';
import { type Ctx, emOf, temporalOf } from '../context.ts';
import { type FieldError, forbidden, HttpProblem, notFound } from '../problem.ts';
import { bodyFields, ruleProblems } from '../rule-problem.ts';

const STATUS: Record<RegisterRuleCode, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  requirements_not_met: 409,
  idempotency_conflict: 409,
  invalid: 400,
};

export const { ruled } = ruleProblems(STATUS);

export const entryOf = (a: ApplicationView): RegisterEntry => ({
  organizationId: a.organizationId,
  districtId: a.districtId,
  state: a.state,
  since: Date.parse(a.submittedAt),
  correctionsDueAt: a.correctionsDueAt ? Date.parse(a.correctionsDueAt) : null,
  reason: a.reason as RegisterEntry['reason'],
  lastCheckedAt: a.lastCheckedAt ? Date.parse(a.lastCheckedAt) : null,
});

/** The organization's own staff, the reviewers of its district, and admins see an application. */
export function maySee(p: Principal, a: ApplicationView): boolean {
  return (
    p.roles.includes('admin') ||
    (p.roles.includes('management_company') && p.organizationId === a.organizationId) ||
    ((p.roles.includes('council') || p.roles.includes('inspector')) && p.districtId === a.districtId)
  );
}

export async function visibleApplication(c: Ctx, id: string): Promise<ApplicationView> {
  const a = await getApplication(emOf(c), id);
  if (!a) throw notFound('no such application');
  if (!maySee(c.var.principal, a)) throw forbidden('this application is outside your scope');
  return a;
}

/** The roles a route admits: whoever the state machine lets take the action, the system aside. */
export const rolesFor = (action: RegisterAction) =>
  REGISTER_TRANSITIONS[action].by.filter((r) => r !== 'system') as Exclude<
    (typeof REGISTER_TRANSITIONS)[RegisterAction]['by'][number],
    'system'
  >[];

function refusal(err: WorkflowUpdateFailedError): HttpProblem {
  const cause = err.cause;
  const detail = `the register refused: ${(cause as Error | undefined)?.message ?? err.message}`;
  if (!(cause instanceof ApplicationFailure)) return new HttpProblem(409, detail);
  const fields = ((cause.details?.[0] ?? []) as FieldError[]).map((f) => f.field);
  // Unmet requirements are about the stored application, not this request's body.
  const errors =
    cause.type === REGISTER_FAILURES.requirementsNotMet
      ? fields.map((f) => ({ field: `application.${f}`, message: detail }))
      : bodyFields(fields, detail);
  switch (cause.type) {
    case REGISTER_FAILURES.invalidInput:
      return new HttpProblem(400, detail, {
        errors: errors.length ? errors : [{ field: 'body', message: detail }],
      });
    case REGISTER_FAILURES.forbidden:
      return new HttpProblem(403, detail);
    case REGISTER_FAILURES.notFound:
      return new HttpProblem(404, detail);
    default:
      return new HttpProblem(409, detail, errors.length ? { errors } : {});
  }
}

/**
 * Checks role, scope and state here so the caller hears 403/409 without a round trip, then lets
 * the workflow decide under its own lock; answers with the application as the update left it.
 */
export async function updateApplication(
  c: Ctx,
  application: ApplicationView,
  action: RegisterAction,
  update: string,
  arg: object,
): Promise<ApplicationView> {
  const p = c.var.principal;
  const denied = authorize(entryOf(application), action, { kind: 'user', principal: p });
  if (denied)
    throw forbidden(`${action}: ${denied.code === 'out_of_scope' ? 'outside your scope' : 'not your role'}`);
  if (!REGISTER_TRANSITIONS[action].from.includes(application.state))
    throw new HttpProblem(409, `${action} is not allowed while the application is ${application.state}`);
  const client = temporalOf(c);
  const handle = client.workflow.getHandle(registerWorkflowId(application.id));
  try {
    await client.withDeadline(Date.now() + 30_000, () =>
      handle.executeUpdate(update, { args: [{ ...arg, principal: p }] }),
    );
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw refusal(err);
    c.var.deps.logger.error({ err, applicationId: application.id }, `register ${update} update failed`);
    throw new HttpProblem(
      503,
      `the application's workflow did not answer the ${update} request; retry later`,
    );
  }
  return (await getApplication(emOf(c), application.id))!;
}
