// A managed, billed building for the reports' tests: an organization managing it (the registry's
// column and a management contract billing charges by), registered for billing, with apartments.
import { randomUUID } from 'node:crypto';
import type { Orm } from '../../db/orm.ts';
import type { ReportContent } from '../../domain/reports/types.ts';
import { concluded, createDistrict, registerForBilling } from '../billing/fixtures.ts';

export interface ManagedBuilding {
  districtId: string;
  organizationId: string;
  buildingId: string;
  apartmentIds: string[];
  /** The one owner of each apartment. */
  ownerIds: string[];
}

export async function managedBuilding(orm: Orm, opts: { from?: string } = {}): Promise<ManagedBuilding> {
  const d = await createDistrict(orm);
  const organizationId = await d.organization();
  const b = await d.building([
    { number: '1', area: 50, shares: [[1, 1]] },
    { number: '2', area: 62.4, shares: [[1, 1]] },
  ]);
  await orm.em
    .fork()
    .execute(`update building set management_organization_id = ? where id = ?`, [
      organizationId,
      b.buildingId,
    ]);
  await registerForBilling(orm, b.buildingId, '2026-07-01');
  await concluded(orm, {
    buildingId: b.buildingId,
    organizationId,
    from: opts.from ?? '2027-01-01',
    to: '2030-01-01',
    somPerM2: 1500,
  });
  return {
    districtId: d.districtId,
    organizationId,
    buildingId: b.buildingId,
    apartmentIds: b.apartmentIds,
    ownerIds: b.ownerIds.map((o) => o[0]!),
  };
}

export const workContent = (doneOn: string, costTiyin = 1_250_000_00): ReportContent => ({
  works: [
    {
      kind: 'planned',
      element: 'roof',
      description: 'Roof membrane patched over entrance 1',
      quantityMilli: 12_500,
      unit: 'm²',
      costTiyin,
      doneOn,
    },
    {
      kind: 'emergency',
      element: 'water_supply',
      description: 'Burst riser replaced in the basement',
      quantityMilli: 3_000,
      unit: 'm',
      costTiyin: 430_000_00,
      doneOn,
    },
  ],
  note: '',
});

export const requestId = () => randomUUID();
