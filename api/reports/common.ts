// What the report routes share: rule errors as problem+json (a rule about the path names the
// path's field), the report as a caller may see it, and telling the quarter's workflow that the
// report is in.
import { WorkflowNotFoundError } from '@temporalio/client';
import { actsOf, signerOf } from '../../db/reports/acts.ts';
import type { StoredReport } from '../../db/reports/repository.ts';
import { quarterSummary } from '../../db/reports/summary.ts';
import { versionsOf } from '../../db/reports/views.ts';
import { isRuleOf } from '../../domain/common/rule-error.ts';
import type { ReportRuleCode } from '../../domain/reports/errors.ts';
import { reportEnteredSignal, reportQuarterWorkflowId } from '../../workflows/reports/contract.ts';
import { type Ctx, emOf } from '../context.ts';
import { bodyField, ruleProblem } from '../rule-problem.ts';

const STATUS: Record<ReportRuleCode, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  wrong_state: 409,
  quarter_not_begun: 400,
  not_managed: 403,
  idempotency_conflict: 409,
};
const PATH_FIELDS = new Set(['quarter', 'buildingId']);
const pathField = (f: string): string => `path.${f === 'buildingId' ? 'id' : f}`;

export async function ruled<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (!isRuleOf(err, STATUS)) throw err;
    const onPath = err.fields.length > 0 && err.fields.every((f) => PATH_FIELDS.has(f));
    throw ruleProblem(err, STATUS, 'reports', onPath ? pathField : bodyField);
  }
}

/** The report as JSON; the draft only for the organization that manages the building. */
export async function reportJson(c: Ctx, r: StoredReport, withDraft: boolean) {
  return {
    id: r.id,
    buildingId: r.buildingId,
    quarter: r.quarter,
    status: r.state.status,
    deadlineAt: new Date(r.deadlineAt).toISOString(),
    enteredAt: r.enteredAt === null ? null : new Date(r.enteredAt).toISOString(),
    late: r.late,
    draft: withDraft ? r.state.draft : null,
    versions: await versionsOf(emOf(c), r.id),
    acts: await actsWithSide(c, r),
    summary: await quarterSummary(emOf(c), r.buildingId, r.quarter, r.organizationId, Date.now()),
    suspension: { months: r.suspendedMonths, kept: r.keptMonths ?? [], liftedFrom: r.liftedFrom },
  };
}

/**
 * The report is in: the quarter's workflow stops waiting. Best effort, after the commit: the lift
 * is already done, and the workflow reads the stored report at its next step anyway.
 */
export async function tellWorkflow(c: Ctx, buildingId: string, quarter: string): Promise<void> {
  const client = c.var.deps.temporal;
  if (!client) return;
  try {
    await client.workflow.getHandle(reportQuarterWorkflowId(buildingId, quarter)).signal(reportEnteredSignal);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return;
    c.var.deps.logger.warn({ err, buildingId, quarter }, 'could not signal the report workflow');
  }
}

/** The report's acts, each saying which side the caller still has to sign for (none for most). */
async function actsWithSide(c: Ctx, r: StoredReport) {
  const acts = await actsOf(emOf(c), r.id);
  const organizationId = r.organizationId;
  const signer =
    acts.length && organizationId
      ? await signerOf(emOf(c), c.var.principal, r.buildingId, organizationId)
      : null;
  return acts.map((a) => ({
    ...a,
    mySide: signer && !a.signatures.some((s) => s.party === signer.party) ? signer.party : null,
  }));
}
