// The demo's lot-wide votes reach their quorum. A lot has thousands of apartments and its choice
// needs the majority of all their votes, while the demo's personas hold a handful: without help
// every demo lot would end without quorum and nobody watching would see a lot chosen. So, in the
// demo only (scripts/start.ts in development), once a lot's meeting opens for voting, every owner
// who is not a persona votes for the lot's first candidate (against the others) in one statement
// per meeting. The personas are left out, as in the decided demo meeting
// (scripts/lib/demo-decided-meeting.ts), so the resident still casts their own ballot in the
// portal. The statement writes under the meeting row's share lock like any ballot, so the
// meeting's close either counts all of them or none; nobody holds the trackers' secrets, the demo
// only needs well-formed ones.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_IDS } from '../../db/seed/personas.ts';

/** The lot meetings (and their repeats) now open for voting. */
async function votingLotMeetings(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select m.id from meeting m
      where m.phase = 'voting'
        and m.series_id in (select (e.data->>'meetingId')::uuid from lot_event e where e.action = 'vote_called')`,
  );
  return rows.map((r) => r.id);
}

/** Casts the non-persona owners' ballots of one meeting; returns how many were written. */
async function castOthers(em: EntityManager, meetingId: string): Promise<number> {
  const [row] = await em.execute<{ cast: string }[]>(
    `with m as (
       select id from meeting where id = ? and phase = 'voting' for share
     ), items as (
       select jsonb_object_agg(ai.id::text, case when ai.position = f.first then 'for' else 'against' end) as choices
         from agenda_item ai
         join (select min(position) as first from agenda_item where meeting_id = ?) f on true
        where ai.meeting_id = ?
     ), cast_ as (
       insert into ballot (id, meeting_id, apartment_id, owner_person_id, cast_by_person_id, choices, weight,
                           tracker, revision, cast_at)
       select gen_random_uuid(), m.id, mv.apartment_id, mv.person_id, mv.person_id, items.choices, mv.weight,
              encode(sha256(convert_to('demo-lot|' || m.id || '|' || mv.apartment_id || '|' || mv.person_id, 'UTF8')), 'hex'),
              1, now()
         from m cross join items join meeting_voter mv on mv.meeting_id = m.id
        where mv.person_id <> all(?::uuid[])
       on conflict (meeting_id, apartment_id, owner_person_id) do nothing
       returning 1
     )
     select count(*)::text as cast from cast_`,
    [meetingId, meetingId, meetingId, `{${Object.values(DEMO_IDS.persons).join(',')}}`],
  );
  return Number(row?.cast ?? 0);
}

/**
 * One look: casts the other owners' ballots of each lot meeting open for voting that `done` does
 * not hold yet (and adds it); `onCast` hears how many ballots a meeting got, in how many ms.
 */
export async function castDemoLotBallots(
  em: EntityManager,
  done: Set<string>,
  onCast: (meetingId: string, ballots: number, ms: number) => void = () => undefined,
): Promise<void> {
  for (const id of await votingLotMeetings(em.fork())) {
    if (done.has(id)) continue;
    const started = performance.now();
    const cast = await castOthers(em.fork(), id);
    done.add(id);
    onCast(id, cast, Math.round(performance.now() - started));
  }
}

/** Looks every `everyMs` (castDemoLotBallots) until the returned stop is called. */
export function watchDemoLotVotes(
  em: EntityManager,
  options: {
    everyMs: number;
    onCast: (meetingId: string, ballots: number, ms: number) => void;
    onError: (err: unknown) => void;
  },
): () => Promise<void> {
  const done = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => castDemoLotBallots(em, done, options.onCast)).catch(options.onError);
  }, options.everyMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
