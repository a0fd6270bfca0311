// A demo general meeting that has already chosen a management organization, so the council can
// start the management contract from a real decision in the portal at once. The owners' ballots
// are cast the way a voter's are (castBallot, with a tracker), past dates make the vote already
// closed, and the meeting's own workflow then closes it, counts, decides and writes the protocol:
// the decision shown is the one the platform reached, not a row written by hand. A fixed id and
// keys make a restart a no-op.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  castBallot,
  createMeeting,
  snapshotElectorate,
  transitionPhase,
} from '../../db/meetings/repository.ts';
import { Building, ManagementOrganization } from '../../db/registry/entities.ts';
import { getUserWithGrants } from '../../db/registry/repository.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import type { MeetingPolicy } from '../../domain/meetings/policy.ts';
import { DAY_MS } from '../../domain/meetings/schedule.ts';
import { computeTracker } from '../../domain/meetings/tracker.ts';
import { startWorkflowOnce } from '../../platform/workflow-client.ts';
import { meetingWorkflow, meetingWorkflowId } from '../../workflows/meetings/contract.ts';

export const DEMO_DECIDED_MEETING_ID = 'd3e40000-0000-4000-8000-000e00000004';

/** Names the seed as the caller of its ballots (scopes their keys); no account has this id. */
const SEED_CALLER = 'd3e40000-0000-4000-8000-000c00000000';

/** Share of the building's weight that votes "for": above the majority of all owners it needs. */
const FOR_SHARE = 0.7;

/**
 * Returns the organization chosen when the meeting was made now, null when it already existed
 * or the demo data has no registered organization besides the building's own manager.
 */
export async function seedDecidedMeeting(
  em: EntityManager,
  temporal: Client,
  policy: MeetingPolicy,
  /** Tests run the meeting on a queue of their own. */
  taskQueue?: string,
): Promise<string | null> {
  const building = await em.findOne(
    Building,
    { id: DEMO_IDS.building },
    { populate: ['managementOrganization'] },
  );
  if (!building) return null;
  // Another registered organization than today's manager: the owners are changing it.
  const chosen = await em.findOne(
    ManagementOrganization,
    { registerStatus: 'registered', id: { $ne: building.managementOrganization?.id ?? '' } },
    { orderBy: { name: 'asc' } },
  );
  if (!chosen) return null;
  // Named as the platform names a caller (the token's name), in every language the same, never by
  // the demo switcher's Uzbek label.
  const resident = await getUserWithGrants(em, DEMO_IDS.users.resident);
  const now = Date.now();
  const { meeting, created } = await createMeeting(em, {
    id: DEMO_DECIDED_MEETING_ID,
    title: 'Boshqaruv tashkilotini almashtirish (demo: qaror qabul qilingan)',
    kind: 'extraordinary',
    form: 'electronic',
    buildingIds: [building.id],
    initiator: {
      kind: 'owners',
      userId: DEMO_IDS.users.resident,
      name: resident?.person?.fullName ?? resident?.user.displayName ?? '',
    },
    chairUserId: DEMO_IDS.users.resident,
    secretaryUserId: DEMO_IDS.users.council,
    noticeAt: new Date(now - 30 * DAY_MS),
    votingOpensAt: new Date(now - 20 * DAY_MS),
    votingClosesAt: new Date(now - DAY_MS),
    policy: { ...policy, noticeDays: 0 },
    agenda: [
      {
        title: `${chosen.name}ni uyni boshqaruvchi tashkilot etib saylash`,
        description: 'Elektron reyestrdagi tashkilot; shartnomani tuman Kengashi tuzadi.',
        kind: 'management_organization',
        organizationId: chosen.id,
      },
    ],
    idempotencyKey: `demo:${DEMO_DECIDED_MEETING_ID}`,
  });
  if (!created) return null;

  await snapshotElectorate(em, meeting.id);
  await transitionPhase(em, meeting.id, ['notice'], 'discussion');
  await transitionPhase(em, meeting.id, ['discussion'], 'voting');
  const voters = await em.execute<{ apartmentId: string; personId: string; weight: string }[]>(
    `select apartment_id as "apartmentId", person_id as "personId", weight::text as weight
       from meeting_voter where meeting_id = ? order by apartment_id, person_id`,
    [meeting.id],
  );
  const total = voters.reduce((s, v) => s + Number(v.weight), 0);
  // The personas did not vote: their mail and "my ballots" must not show a vote they never cast.
  const personas = new Set<string>(Object.values(DEMO_IDS.persons));
  const itemId = meeting.agenda[0]!.id;
  let cast = 0;
  for (const v of voters) {
    if (cast >= total * FOR_SHARE) break;
    if (personas.has(v.personId)) continue;
    const ballot = { meetingId: meeting.id, apartmentId: v.apartmentId, ownerId: v.personId };
    const choices = { [itemId]: 'for' as const };
    // A fixed secret per ballot: nobody holds it, the demo only needs a well-formed tracker.
    const secret = await sha256Hex(`demo-decided|${v.apartmentId}|${v.personId}`);
    const tracker = await computeTracker({ ...ballot, choices }, secret);
    await castBallot(em, {
      ...ballot,
      choices,
      userId: SEED_CALLER,
      personId: v.personId,
      tracker,
      idempotencyKey: `demo-decided:${v.apartmentId}:${v.personId}`,
      requestSha256: await sha256Hex(`${tracker}`),
    });
    cast += Number(v.weight);
  }
  // The close is past: the workflow closes the vote, decides and publishes the protocol now.
  await startWorkflowOnce(temporal, meetingWorkflow, {
    workflowId: meetingWorkflowId(meeting.id),
    args: [{ meetingId: meeting.id }],
    ...(taskQueue ? { taskQueue } : {}),
  });
  return chosen.name;
}
