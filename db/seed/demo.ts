// Loads the synthetic demo registry (generate.ts) into a database: one transaction, multi-row
// inserts in chunks, so 100,000 apartments take seconds and a failure leaves nothing behind.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../orm.ts';
import { BuildingClassification, ElementAssessmentRow, LandPlot } from '../registry/condition-entities.ts';
import {
  Apartment,
  Building,
  Council,
  District,
  ManagementOrganization,
  Ownership,
  Person,
  Region,
  RoleGrant,
  UserAccount,
} from '../registry/entities.ts';
import { demoConditionRows } from './conditions.ts';
import { type DemoData, type DemoOptions, generateDemo } from './generate.ts';
import { seedSuspendedBuilding } from './reports.ts';

export { generateDemo, MIN_DEMO_APARTMENTS } from './generate.ts';
export { DEMO_IDS, DEMO_PERSONAS, type DemoPersona } from './personas.ts';

export interface SeedDemoOptions extends DemoOptions {
  /** Empty the registry first, in the same transaction: a failed seed keeps the old data. */
  reset?: boolean;
  /** Rows written so far and in total, after each chunk. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedDemoResult {
  buildings: number;
  apartments: number;
  persons: number;
  ownerships: number;
}

/** Rows per INSERT: few round trips, yet each statement's SQL (MikroORM inlines values) stays small. */
const CHUNK = 2_000;

export async function seedDemo(orm: Orm, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const data = generateDemo(opts);
  const condition = demoConditionRows(data.buildings);
  // Parents before children, in foreign-key order.
  const steps: [unknown, object[]][] = [
    [Region, data.regions],
    [District, data.districts],
    [Council, data.councils],
    [ManagementOrganization, data.organizations],
    [Building, data.buildings],
    [ElementAssessmentRow, condition.assessments],
    [BuildingClassification, condition.classifications],
    [LandPlot, data.landPlots],
    [Apartment, data.apartments],
    [Person, data.persons],
    [Ownership, data.ownerships],
    [UserAccount, data.users],
    [RoleGrant, data.grants],
  ];
  const total = steps.reduce((s, [, rows]) => s + rows.length, 0);
  let done = 0;
  opts.onProgress?.(0, total);
  await orm.em.fork().transactional(async (em) => {
    if (opts.reset) await resetRegistry(em);
    for (const [entity, rows] of steps) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await em.insertMany(entity as typeof Region, chunk as DemoData['regions']);
        done += chunk.length;
        opts.onProgress?.(done, total);
      }
    }
  });
  // Fresh statistics: until autovacuum gets round to it, the planner would guess from empty
  // tables and pick sequential scans (and JIT) for lookups that are index hits.
  await orm.em.fork().execute(`analyze ${REGISTRY_TABLES.map((t) => `"${t}"`).join(', ')}`);
  await seedSuspendedBuilding(orm);
  return {
    buildings: data.buildings.length,
    apartments: data.apartments.length,
    persons: data.persons.length,
    ownerships: data.ownerships.length,
  };
}

/** Registry tables, children first; later capabilities' tables referencing these go with CASCADE. */
const REGISTRY_TABLES = [
  'mail_outbox',
  'registry_check',
  'role_grant',
  'user_account',
  'ownership',
  'person',
  'apartment',
  'building',
  'management_organization',
  'council',
  'district',
  'region',
] as const;

/** True when no region exists: the registry is seeded as a whole or not at all. */
export async function isDatabaseEmpty(em: EntityManager): Promise<boolean> {
  const rows = await em.execute<{ n: number }[]>(
    'select (select count(*) from region)::int + (select count(*) from person)::int as n',
  );
  return rows[0]?.n === 0;
}

/** Empties the registry (and, through CASCADE, whatever later capabilities hang off it). */
export async function resetRegistry(em: EntityManager): Promise<void> {
  await em.execute(`truncate table ${REGISTRY_TABLES.map((t) => `"${t}"`).join(', ')} cascade`);
}
