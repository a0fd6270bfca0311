// Demo general meetings for `npm start`, so every persona has something to do at once: one
// meeting open for voting for a week, one whose vote closes a few minutes after start (results,
// protocol and sign-off to look at), and one still in discussion. Dates are set in the past
// where the legal notice period would otherwise make a visitor wait ten days. Fixed ids and
// idempotency keys make a restart a no-op.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { createMeeting } from '../../db/meetings/repository.ts';
import { getBuilding } from '../../db/registry/repository.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { AgendaItemKind, MeetingPolicy } from '../../domain/meetings/policy.ts';
import { DAY_MS } from '../../domain/meetings/schedule.ts';
import { startWorkflowOnce } from '../../platform/workflow-client.ts';
import { meetingWorkflow, meetingWorkflowId } from '../../workflows/meetings/contract.ts';

const MINUTE_MS = 60_000;

interface DemoMeeting {
  id: string;
  title: string;
  noticeAgo: number;
  opensIn: number;
  closesIn: number;
  agenda: { title: string; description: string; kind: AgendaItemKind }[];
}

export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    id: 'd3e40000-0000-4000-8000-000e00000001',
    title: 'Yillik umumiy yigʻilish — 2026',
    noticeAgo: 11 * DAY_MS,
    opensIn: -DAY_MS,
    closesIn: 6 * DAY_MS,
    agenda: [
      {
        title: 'Boshqaruv kompaniyasining 2026-yil hisobotini tasdiqlash',
        description: 'Bajarilgan ishlar va xarajatlar hisoboti ilova qilingan.',
        kind: 'ordinary',
      },
      {
        title: 'Tomni kapital taʼmirlash (2027-yil bahor)',
        description: 'Smeta: 412 mln soʻm; kapital taʼmir jamgʻarmasidan.',
        kind: 'capital_repair',
      },
      {
        title: 'Yerto‘la qismini maishiy xizmat markaziga ijaraga berish',
        description: '5 yilga, oyiga 3,2 mln soʻm; daromad uy hisobiga.',
        kind: 'common_property_use',
      },
    ],
  },
  {
    id: 'd3e40000-0000-4000-8000-000e00000002',
    // Its title outlives the five minutes (and names the repeat meeting a missed quorum calls),
    // so it says what kind of vote it is, never how long is left.
    title: 'Hovlini obodonlashtirish (demo: qisqa ovoz berish)',
    noticeAgo: 11 * DAY_MS,
    opensIn: -DAY_MS,
    closesIn: 5 * MINUTE_MS,
    agenda: [
      {
        title: 'Bolalar maydonchasini yangilash',
        description: 'Yangi jihozlar va yumshoq qoplama.',
        kind: 'ordinary',
      },
    ],
  },
  {
    id: 'd3e40000-0000-4000-8000-000e00000003',
    title: 'Boshqaruv kompaniyasini tanlash',
    noticeAgo: 0,
    opensIn: 10 * DAY_MS + 5 * MINUTE_MS,
    closesIn: 24 * DAY_MS,
    agenda: [
      {
        title: 'Uyni boshqaruvchi tashkilotni saylash',
        description: 'Elektron reyestrdagi tashkilotlar orasidan.',
        kind: 'management_organization',
      },
    ],
  },
];

export async function seedDemoMeetings(
  em: EntityManager,
  temporal: Client,
  policy: MeetingPolicy,
): Promise<number> {
  const building = await getBuilding(em, DEMO_IDS.building);
  if (!building) return 0;
  const now = Date.now();
  let started = 0;
  for (const m of DEMO_MEETINGS) {
    const { meeting, created } = await createMeeting(em, {
      id: m.id,
      title: m.title,
      kind: 'annual',
      form: 'electronic',
      buildingIds: [building.id],
      initiator: {
        kind: 'management_organization',
        userId: DEMO_IDS.users.manager,
        name: building.managementOrganization?.name ?? 'Boshqaruv kompaniyasi',
        organizationId: building.managementOrganization?.id ?? null,
      },
      chairUserId: DEMO_IDS.users.manager,
      secretaryUserId: DEMO_IDS.users.council,
      noticeAt: new Date(now - m.noticeAgo),
      votingOpensAt: new Date(now + m.opensIn),
      votingClosesAt: new Date(now + m.closesIn),
      // Backdated notices were never really sent at noticeAt: without this the workflow would
      // (rightly) move the vote to give owners the full notice period from today.
      policy: { ...policy, noticeDays: 0 },
      agenda: m.agenda,
      idempotencyKey: `demo:${m.id}`,
    });
    if (!created) continue;
    const fresh = await startWorkflowOnce(temporal, meetingWorkflow, {
      workflowId: meetingWorkflowId(meeting.id),
      args: [{ meetingId: meeting.id }],
    });
    if (fresh) started++;
  }
  return started;
}
