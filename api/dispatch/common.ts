// What the dispatch routers share: rule errors as problem+json, who may see a request, photos
// checked by their content, and waking a request's workflow after a step.
import { readRequest } from '../../db/dispatch/views.ts';
import type { Principal } from '../../domain/access/roles.ts';
import { SNIFF_BYTES, sniffMediaType } from '../../domain/common/media-type.ts';
import type { DispatchRuleCode } from '../../domain/dispatch/errors.ts';
import type { DispatchPolicy } from '../../domain/dispatch/policy.ts';
import { availableActions } from '../../domain/dispatch/status.ts';
import type { DispatchRequest } from '../../domain/dispatch/types.ts';
import { createDiskStorage } from '../../platform/storage/index.ts';
import { dispatchWorkflowId, requestChangedSignal } from '../../workflows/dispatch/contract.ts';
import { type Ctx, emOf, temporalOf } from '../context.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { ruleProblems } from '../rule-problem.ts';

export const STATUS: Record<DispatchRuleCode, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  idempotency_conflict: 409,
  invalid: 400,
};

export const { ruled } = ruleProblems(STATUS, 'dispatch');

export function canView(p: Principal, r: DispatchRequest, districtId: string): boolean {
  if (p.roles.includes('admin')) return true;
  if (r.residentUserId !== null && r.residentUserId === p.userId) return true;
  if (p.roles.includes('management_company') && p.organizationId === r.organizationId) return true;
  return (p.roles.includes('council') || p.roles.includes('inspector')) && p.districtId === districtId;
}

/** The request as this caller may see it, with the steps open to them, or 404/403. */
export async function visibleRequest(c: Ctx, id: string) {
  const read = await readRequest(emOf(c), id);
  if (!read) throw notFound('no such request');
  const p = c.var.principal;
  if (!canView(p, read.request, read.districtId)) throw forbidden('this request is outside your scope');
  return {
    ...read.request,
    triage: read.triage,
    availableActions: availableActions(read.request, { kind: 'user', principal: p }),
  };
}

/** Stores photos whose content is JPEG or PNG; anything else is a 400 naming the photo. */
export async function storePhotos(
  c: Ctx,
  policy: DispatchPolicy,
  field: string,
  photos: { contentBase64: string }[],
) {
  if (photos.length > policy.photos.maxFiles)
    throw new HttpProblem(400, `at most ${policy.photos.maxFiles} photos`, {
      errors: [{ field: `body.${field}`, message: `at most ${policy.photos.maxFiles}` }],
    });
  const decoded = photos.map((ph, i) => {
    const bytes = Buffer.from(ph.contentBase64, 'base64');
    const type = sniffMediaType(bytes.subarray(0, SNIFF_BYTES));
    const bad = (message: string) =>
      new HttpProblem(400, message, { errors: [{ field: `body.${field}.${i}.contentBase64`, message }] });
    if (!type || !(policy.photos.types as string[]).includes(type))
      throw bad('a photo must be a JPEG or PNG image');
    if (bytes.byteLength > policy.photos.maxBytes)
      throw bad(`a photo may have at most ${policy.photos.maxBytes} bytes`);
    return { bytes, type };
  });
  const storage = createDiskStorage(c.var.deps.config.storage.dir);
  const stored = [];
  for (const d of decoded) {
    const s = await storage.put(d.bytes);
    stored.push({ mediaType: d.type, size: s.size, storageKey: s.key });
  }
  return stored;
}

/** Wakes the request's workflow to read its new state; an ended workflow has nothing left to time. */
export async function wake(c: Ctx, requestId: string): Promise<void> {
  try {
    await temporalOf(c).workflow.getHandle(dispatchWorkflowId(requestId)).signal(requestChangedSignal);
  } catch (err) {
    c.var.deps.logger.debug({ err, requestId }, 'dispatch workflow not signalled');
  }
}
