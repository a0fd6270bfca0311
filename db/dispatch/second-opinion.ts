// The second opinion on an unsure triage: what the model is asked about (a request whose stored
// triage a dispatcher must confirm and that has no suggestion yet), and keeping its answer with the
// triage, once.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TriageSuggestion } from '../../domain/dispatch/second-opinion.ts';
import { isUuid } from '../sql.ts';

/** The request's text when its triage was unsure and is still without a suggestion; else null. */
export async function textToSecondGuess(em: EntityManager, requestId: string): Promise<string | null> {
  if (!isUuid(requestId)) return null;
  const [row] = await em.execute<{ text: string }[]>(
    `select r.state->>'text' as text from dispatch_triage t join dispatch_request r on r.id = t.request_id
      where t.request_id = ? and t.needs_confirmation and t.suggestion is null`,
    [requestId],
  );
  return row?.text ?? null;
}

/** Keeps the suggestion with the triage unless one is there already (a retried activity); true when kept. */
export async function keepSuggestion(
  em: EntityManager,
  requestId: string,
  suggestion: TriageSuggestion,
): Promise<boolean> {
  const rows = await em.execute<{ request_id: string }[]>(
    `update dispatch_triage set suggestion = ?::jsonb where request_id = ? and suggestion is null
     returning request_id`,
    [JSON.stringify(suggestion), requestId],
  );
  return rows.length === 1;
}
