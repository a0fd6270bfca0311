// A mass incident: many requests about one thing from one building or street in a short window
// (a burst riser, a power cut). The whole set is then worked, and resolved, as one.
import { type DispatchPolicy, MINUTE_MS } from './policy.ts';
import type { DispatchCategory } from './triage.ts';

export interface PlacedRequest {
  id: string;
  buildingId: string;
  /** The street's name as the registry spells it; null when unknown. */
  street: string | null;
  category: DispatchCategory;
  registeredAt: number;
  massIncidentId: string | null;
}

export type MassDecision =
  | { kind: 'join'; incidentId: string }
  | { kind: 'open'; scope: 'building' | 'street'; requestIds: string[] }
  | null;

/**
 * Whether `request` belongs to a mass incident: joins an open one of its building or street and
 * category, or opens one when it makes the threshold with the window's other requests.
 */
export function detectMassIncident(
  policy: DispatchPolicy,
  request: PlacedRequest,
  recent: PlacedRequest[],
): MassDecision {
  const since = request.registeredAt - policy.massWindowMinutes * MINUTE_MS;
  const near = recent.filter(
    (r) =>
      r.id !== request.id &&
      r.category === request.category &&
      r.registeredAt >= since &&
      r.registeredAt <= request.registeredAt,
  );
  const sameBuilding = near.filter((r) => r.buildingId === request.buildingId);
  const sameStreet = request.street === null ? [] : near.filter((r) => r.street === request.street);
  const joined = [...sameBuilding, ...sameStreet].find((r) => r.massIncidentId !== null);
  if (joined?.massIncidentId) return { kind: 'join', incidentId: joined.massIncidentId };
  if (sameBuilding.length + 1 >= policy.massThreshold)
    return { kind: 'open', scope: 'building', requestIds: [...sameBuilding.map((r) => r.id), request.id] };
  if (sameStreet.length + 1 >= policy.massThreshold)
    return { kind: 'open', scope: 'street', requestIds: [...sameStreet.map((r) => r.id), request.id] };
  return null;
}
