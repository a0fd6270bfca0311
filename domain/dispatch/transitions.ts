// Which step may follow which status, and whose step it is: apart from status.ts (the state
// machine with its clocks and policy) so the widgets that offer a step (the dispatcher's board, a
// technician's jobs) know when to offer it without downloading the rest.
import type { DispatchCategory, Urgency } from './triage.ts';
import { type Clock, type DispatchStatus, OPEN_DISPATCH_STATUSES } from './types.ts';

export type DispatchCommand =
  | { type: 'queue' }
  | { type: 'confirm_triage'; category: DispatchCategory; urgency: Urgency }
  | { type: 'assign'; technicianUserId: string }
  | { type: 'accept' }
  | { type: 'on_the_way' }
  | { type: 'on_site' }
  | { type: 'contain'; note?: string }
  | { type: 'done'; note: string; photoIds?: string[] }
  | { type: 'confirm' }
  | { type: 'reject'; reason: string }
  | { type: 'rate'; rating: number }
  | { type: 'escalate'; clock: Clock['kind']; level: 1 | 2 }
  | { type: 'resolve_mass'; note: string }
  | { type: 'close' };
export type DispatchAction = DispatchCommand['type'];

/** Who takes a step: the organization's dispatcher, the assigned technician, the resident, the system. */
export type Party = 'dispatcher' | 'technician' | 'resident' | 'system';

export const DISPATCH_TRANSITIONS: Record<DispatchAction, { from: readonly DispatchStatus[]; by: Party }> = {
  queue: { from: ['registered'], by: 'system' },
  confirm_triage: { from: ['registered', 'queued', 'assigned'], by: 'dispatcher' },
  assign: { from: ['registered', 'queued', 'assigned'], by: 'dispatcher' },
  accept: { from: ['assigned'], by: 'technician' },
  on_the_way: { from: ['accepted'], by: 'technician' },
  on_site: { from: ['accepted', 'on_the_way'], by: 'technician' },
  contain: { from: ['on_site'], by: 'technician' },
  done: { from: ['on_site', 'contained'], by: 'technician' },
  confirm: { from: ['done'], by: 'resident' },
  reject: { from: ['done'], by: 'resident' },
  rate: { from: ['confirmed', 'closed'], by: 'resident' },
  escalate: { from: OPEN_DISPATCH_STATUSES, by: 'system' },
  resolve_mass: { from: OPEN_DISPATCH_STATUSES, by: 'system' },
  close: { from: ['done', 'confirmed'], by: 'system' },
};
