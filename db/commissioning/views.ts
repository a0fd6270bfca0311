// The application as its developer and its inspector see it: the checklist names exactly which
// condition is unmet and why, evaluated with the facts as they are now.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { actingAs } from '../../domain/commissioning/authority.ts';
import { evaluate } from '../../domain/commissioning/conditions.ts';
import { pendingReminders } from '../../domain/commissioning/deadlines.ts';
import type { CommissioningView } from '../../domain/commissioning/view.ts';
import { isoOrNull, isUuid } from '../sql.ts';
import { actsOf } from './acts.ts';
import { CommissioningApplicationRow, CommissioningEvent } from './entities.ts';
import { actorOf, appOf, factsOf } from './repository.ts';

export type { CommissioningView };

export async function applicationRow(em: EntityManager, id: string) {
  if (!isUuid(id)) return null;
  return em.findOne(CommissioningApplicationRow, { id }, { refresh: true, populate: ['district'] });
}

/** The developer who applied, an inspector of the district, an admin. */
export function maySee(p: Principal, a: { developerTin: string; districtId: string }): boolean {
  if (p.roles.includes('admin')) return true;
  return actingAs(a, actorOf(p)).length > 0;
}

export async function getApplicationView(em: EntityManager, id: string): Promise<CommissioningView | null> {
  const row = await applicationRow(em, id);
  if (!row) return null;
  const app = appOf(row);
  const e = evaluate(app, await factsOf(em, row), row.policy);
  const events = await em.find(CommissioningEvent, { application: id }, { orderBy: { seq: 'asc' } });
  return {
    id: app.id,
    state: app.state,
    cadastralNumber: row.cadastralNumber,
    buildingId: app.buildingId,
    districtId: app.districtId,
    developer: { tin: app.developerTin, name: row.developerName },
    appliedAt: isoOrNull(app.appliedAt)!,
    since: isoOrNull(app.since)!,
    dueAt: isoOrNull(app.dueAt),
    canCommission: e.canCommission,
    conditions: row.policy.required.map((condition) => {
      const rec = app.conditions[condition];
      return {
        condition,
        met: e.met.includes(condition),
        ...(e.because[condition] ? { because: e.because[condition] } : {}),
        ...(condition === 'shown_in_registry' && row.registryProblem ? { detail: row.registryProblem } : {}),
        ...(rec
          ? {
              evidence: {
                ...rec.evidence,
                recordedAt: isoOrNull(rec.recordedAt),
                recordedBy: rec.recordedBy,
              },
            }
          : {}),
      };
    }),
    reminders: pendingReminders(row.policy, app, Date.now()).map((r) => ({
      at: isoOrNull(r.at),
      daysBeforeDeadline: r.daysBeforeDeadline,
    })),
    rejection: app.rejection,
    passport: row.passport ?? null,
    acts: await actsOf(em, id),
    history: events.map((ev) => ({
      at: new Date(ev.at).toISOString(),
      action: ev.action,
      fromState: ev.fromState ?? null,
      toState: ev.toState,
      actorUserId: ev.actorUserId ?? null,
    })),
  };
}
