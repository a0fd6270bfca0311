// A demo mailing for `npm start`, so the notification widgets have something to show: the demo
// building's management company tells every owner of a hot-water stop (a suspension of a service,
// a legal notice). The dispatcher sends it by each owner's channels; owners no channel reaches go
// on the building's printable list at once. The resident persona finds it in their inbox. A fixed
// key makes a restart a no-op.
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueMailing } from '../../db/notifications/repository.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { executeBound } from '../../db/sql.ts';

export const DEMO_MAILING_KEY = 'demo:suspension-notice:hot-water';

const TEXTS = {
  uz: {
    subject: 'Issiq suv vaqtincha toʻxtatiladi',
    body: 'Quvurlarni taʼmirlash sababli issiq suv kelgusi seshanba kuni 09:00 dan 18:00 gacha boʻlmaydi.',
  },
  ru: {
    subject: 'Временное отключение горячей воды',
    body: 'Из-за ремонта труб горячей воды не будет в следующий вторник с 09:00 до 18:00.',
  },
  en: {
    subject: 'Hot water will be off for a day',
    body: 'For pipe repairs there will be no hot water next Tuesday from 09:00 to 18:00.',
  },
};

/** The mailing's id, or null when the demo building has no management company or owners. */
export async function seedDemoNotices(em: EntityManager): Promise<string | null> {
  const [building] = await executeBound<{ organization_id: string | null }>(
    em,
    'select management_organization_id as organization_id from building where id = $1',
    [DEMO_IDS.building],
  );
  if (!building?.organization_id) return null;
  const owners = await executeBound<{ person_id: string; place: string }>(
    em,
    `select o.person_id, string_agg(a.number, ', ' order by a.number) as place
       from ownership o join apartment a on a.id = o.apartment_id
      where a.building_id = $1 group by o.person_id`,
    [DEMO_IDS.building],
  );
  if (owners.length === 0) return null;
  return enqueueMailing(
    em,
    {
      kind: 'suspension_notice',
      organizationId: building.organization_id,
      buildingId: DEMO_IDS.building,
      texts: TEXTS,
      idempotencyKey: DEMO_MAILING_KEY,
      recipients: owners.map((o) => ({ personId: o.person_id, place: o.place })),
    },
    new Date(),
  );
}
