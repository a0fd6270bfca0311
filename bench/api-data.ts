// What the read benchmark reads besides the seeded district: a meeting in the demo building with
// its agenda, and a district's worth of appeals (some answered) for the council's board. Written
// through the repositories, as the API would, with no workflow behind them: reads never ask one.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MuClaims } from '../api/auth/principal.ts';
import { applyToAppeal, createAppeal } from '../db/appeals/repository.ts';
import { createMeeting } from '../db/meetings/repository.ts';
import { getBuilding, getUserWithGrants } from '../db/registry/repository.ts';
import { DEMO_IDS } from '../db/seed/personas.ts';
import type { Principal } from '../domain/access/roles.ts';
import { DEFAULT_APPEAL_POLICY } from '../domain/appeals/policy.ts';
import { DEFAULT_MEETING_POLICY } from '../domain/meetings/policy.ts';

const DAY_MS = 86_400_000;
const CATEGORIES = ['lift', 'cleaning', 'heating', 'maintenance', 'water'] as const;

/** The token claims a persona gets from the dev token endpoint, and the principal they make. */
export async function personaClaims(
  em: EntityManager,
  userId: string,
): Promise<{ claims: MuClaims & { sub: string }; principal: Principal }> {
  const found = await getUserWithGrants(em, userId);
  if (!found) throw new Error(`persona ${userId} is not seeded`);
  const scoped = found.grants.find((g) => g.organizationId || g.districtId);
  const principal: Principal = {
    userId: found.user.id,
    personId: found.person?.id ?? null,
    roles: found.grants.map((g) => g.role),
    organizationId:
      found.grants.find((g) => g.role === 'management_company')?.organizationId ??
      scoped?.organizationId ??
      null,
    districtId: scoped?.districtId ?? null,
    name: found.person?.fullName ?? found.user.displayName,
    developerTin: null,
  };
  return {
    principal,
    claims: {
      sub: principal.userId,
      name: principal.name,
      pid: principal.personId,
      roles: principal.roles,
      org: principal.organizationId,
      district: principal.districtId,
    },
  };
}

export interface ReadFixtures {
  buildingId: string;
  meetingId: string;
  districtId: string;
}

export async function seedReadFixtures(em: EntityManager, appeals: number): Promise<ReadFixtures> {
  const building = await getBuilding(em.fork(), DEMO_IDS.building);
  if (!building) throw new Error('the demo building is not seeded');
  const now = Date.now();
  const { meeting } = await createMeeting(em.fork(), {
    title: 'Yillik umumiy yigʻilish',
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
    noticeAt: new Date(now - 11 * DAY_MS),
    votingOpensAt: new Date(now - DAY_MS),
    votingClosesAt: new Date(now + 6 * DAY_MS),
    policy: { ...DEFAULT_MEETING_POLICY, noticeDays: 0 },
    agenda: [
      { title: 'Hisobotni tasdiqlash', description: '2026-yil hisoboti.', kind: 'ordinary' },
      { title: 'Tomni kapital taʼmirlash', description: 'Smeta: 412 mln soʻm.', kind: 'capital_repair' },
      { title: 'Yerto‘lani ijaraga berish', description: '5 yilga.', kind: 'common_property_use' },
    ],
  });
  const resident = (await personaClaims(em.fork(), DEMO_IDS.users.resident)).principal;
  const manager = (await personaClaims(em.fork(), DEMO_IDS.users.manager)).principal;
  for (let i = 0; i < appeals; i++) {
    const id = randomUUID();
    await createAppeal(em.fork(), {
      id,
      principal: resident,
      category: CATEGORIES[i % CATEGORIES.length]!,
      kind: i % 2 ? 'complaint' : 'application',
      subject: { buildingId: building.id },
      text: `Murojaat ${i + 1}: podyezddagi muammo hal qilinmagan.`,
      attachmentIds: [],
      policy: DEFAULT_APPEAL_POLICY,
      idempotencyKey: `bench:${id}`,
      requestSha256: '0'.repeat(64),
    });
    // Every third one answered, so the board's shares and medians have something to compute.
    if (i % 3 === 0) {
      const actor = { kind: 'user', principal: manager } as const;
      await applyToAppeal(em.fork(), {
        appealId: id,
        command: { type: 'accept' },
        actor,
        requestId: `a-${id}`,
      });
      const answer = { type: 'answer', text: 'Muammo bartaraf etildi.' } as const;
      await applyToAppeal(em.fork(), { appealId: id, command: answer, actor, requestId: `b-${id}` });
    }
  }
  return { buildingId: building.id, meetingId: meeting.id, districtId: building.district.id };
}
