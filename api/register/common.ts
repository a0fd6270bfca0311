// What the register routers share: rule errors as problem+json, the application a caller may see,
// and handing a reviewer's or applicant's step to the application's workflow as an update.
import type { UpdateDefinition } from '@temporalio/common';
import { getApplication } from '../../db/register/repository.ts';
import type { Principal } from '../../domain/access/roles.ts';
import type { RegisterRuleCode } from '../../domain/register/errors.ts';
import {
  authorize,
  REGISTER_TRANSITIONS,
  type RegisterAction,
  type RegisterEntry,
} from '../../domain/register/status.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import {
  type ActorInput,
  type RegisterReviewState,
  registerWorkflow,
  registerWorkflowId,
} from '../../workflows/register/contract.ts';
import { type Ctx, emOf } from '../context.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { ruleProblems } from '../rule-problem.ts';
import { runUpdate } from '../workflows.ts';

const STATUS: Record<RegisterRuleCode, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  requirements_not_met: 409,
  idempotency_conflict: 409,
  invalid: 400,
};

export const { ruled } = ruleProblems(STATUS, 'register');

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

/**
 * Checks role, scope and state here so the caller hears 403/409 without a round trip, then lets
 * the workflow decide under its own lock; answers with the application as the update left it.
 */
export async function updateApplication<I extends ActorInput>(
  c: Ctx,
  application: ApplicationView,
  action: RegisterAction,
  update: UpdateDefinition<RegisterReviewState, [I]>,
  arg: Omit<I, 'principal'>,
): Promise<ApplicationView> {
  const p = c.var.principal;
  const denied = authorize(entryOf(application), action, { kind: 'user', principal: p });
  if (denied)
    throw forbidden(`${action}: ${denied.code === 'out_of_scope' ? 'outside your scope' : 'not your role'}`);
  if (!REGISTER_TRANSITIONS[action].from.includes(application.state))
    throw new HttpProblem(409, `${action} is not allowed while the application is ${application.state}`);
  await runUpdate(
    c,
    {
      workflow: registerWorkflow,
      workflowId: registerWorkflowId(application.id),
      update,
      args: [{ ...arg, principal: p } as I],
    },
    {
      capability: 'register',
      status: STATUS,
      noAnswer: `the application's workflow did not answer the ${update.name} request; retry later`,
      detail: (message) => `the register refused: ${message}`,
      // Unmet requirements are about the stored application, not this request's body.
      fieldsUnder: { requirements_not_met: 'application' },
    },
  );
  return (await getApplication(emOf(c), application.id))!;
}
