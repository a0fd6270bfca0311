// What the API's reads of dispatch give beyond a request's own state, one shape for the server
// that builds them (db/dispatch/views.ts) and the widgets that show them.
import type { DispatchRequest } from './types.ts';

/** A job as its technician reads it: the request and where to go. */
export type Job = DispatchRequest & { address: string; apartmentNumber: string | null };

/** What the dispatcher's board shows of a request besides its state: where it is and what the model said. */
export interface BoardItem extends DispatchRequest {
  building: { address: string; plotLon: number | null; plotLat: number | null };
  apartmentNumber: string | null;
  /** The model's ranked categories and its confidence in the urgency, for a dispatcher to confirm. */
  suggestions: { categoryTop: { value: string; confidence: number }[]; urgencyConfidence: number } | null;
}

/** An unresolved mass incident on the board, with how many requests it holds. */
export interface BoardIncident {
  id: string;
  category: string;
  scope: 'building' | 'street';
  buildingId: string;
  address: string;
  street: string | null;
  openedAt: number;
  linked: number;
}
