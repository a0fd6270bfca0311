// The general meeting's decision on a building's management method, as another capability cites
// it (billing's court package): the last decided meeting of the building whose management_method
// item was accepted, with its votes and the protocol's SHA-256.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Decision } from '../../domain/meetings/decide.ts';
import { iso, isUuid } from '../sql.ts';

export interface ManagementMethodDecision {
  meetingId: string;
  meetingTitle: string;
  decidedAt: string;
  itemTitle: string;
  itemDescription: string;
  votes: { for: number; against: number; abstain: number };
  totalWeight: number;
  participatingWeight: number;
  protocolSha256: string | null;
}

export async function managementMethodDecision(
  em: EntityManager,
  buildingId: string,
): Promise<ManagementMethodDecision | null> {
  if (!isUuid(buildingId)) return null;
  const rows = await em.execute<
    {
      id: string;
      title: string;
      decided_at: Date | string;
      decision: Decision | string;
      item_id: string;
      item_title: string;
      description: string;
      protocol_sha256: string | null;
    }[]
  >(
    `select m.id, m.title, m.decided_at, m.decision, ai.id as item_id, ai.title as item_title,
            ai.description, mp.sha256 as protocol_sha256
       from meeting_building mb
       join meeting m on m.id = mb.meeting_id
       join agenda_item ai on ai.meeting_id = m.id and ai.kind = 'management_method'
       left join meeting_protocol mp on mp.meeting_id = m.id
      where mb.building_id = ? and m.decision is not null
      order by m.decided_at desc`,
    [buildingId],
  );
  for (const r of rows) {
    const decision = typeof r.decision === 'string' ? (JSON.parse(r.decision) as Decision) : r.decision;
    const item = decision.items.find((i) => i.itemId === r.item_id);
    if (!item?.accepted) continue;
    return {
      meetingId: r.id,
      meetingTitle: r.title,
      decidedAt: iso(r.decided_at),
      itemTitle: r.item_title,
      itemDescription: r.description,
      votes: { for: item.for, against: item.against, abstain: item.abstain },
      totalWeight: decision.totalWeight,
      participatingWeight: decision.participatingWeight,
      protocolSha256: r.protocol_sha256,
    };
  }
  return null;
}
