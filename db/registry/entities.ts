// Registry tables: who owns which apartment in which building, who manages it, and who may act.
// Ids are UUIDs made by the application, so the seeder can make them deterministic and an
// activity can know a row's id before the insert that a retry might repeat.
import { defineEntity, type InferEntity, type Opt, p } from '@mikro-orm/core';
import { ROLES } from '../../domain/access/roles.ts';
import { LANGUAGES } from '../../domain/common/language.ts';
import { REGISTER_STATUSES } from '../../domain/common/register-status.ts';
import type { RegistryFinding } from '../../domain/registry/reconcile.ts';
import { CONDITION_CLASSES } from '../../domain/registry/types.ts';
import { id, now } from '../columns.ts';
import { bumpsReadVersion, notifiesScopeChange } from '../read-version.ts';

export const Region = defineEntity({
  name: 'Region',
  tableName: 'region',
  properties: {
    id: id(),
    code: p.string().length(16).unique(),
    name: p.string(),
  },
});

export const District = defineEntity({
  name: 'District',
  tableName: 'district',
  // The building card names its district.
  triggers: [
    bumpsReadVersion('district', (r) => `select b.id from building b where b.district_id = ${r}.id`, {
      when: 'new.name is distinct from old.name',
    }),
  ],
  properties: {
    id: id(),
    region: () => p.manyToOne(Region).index(),
    code: p.string().length(16).unique(),
    name: p.string(),
  },
});

/** The district council (kengash); exactly one per district. */
export const Council = defineEntity({
  name: 'Council',
  tableName: 'council',
  properties: {
    id: id(),
    district: () => p.oneToOne(District).owner().unique(),
    name: p.string(),
    email: p.string().nullable(),
  },
});

export const ManagementOrganization = defineEntity({
  name: 'ManagementOrganization',
  tableName: 'management_organization',
  // The building card names its management company.
  triggers: [
    bumpsReadVersion(
      'management_organization',
      (r) => `select b.id from building b where b.management_organization_id = ${r}.id`,
      {
        when: `(new.tin, new.name, new.register_status) is distinct from (old.tin, old.name, old.register_status)`,
      },
    ),
  ],
  properties: {
    id: id(),
    tin: p.string().length(9).unique().check("tin ~ '^[0-9]{9}$'"),
    name: p.string(),
    registerStatus: p.enum(REGISTER_STATUSES),
    email: p.string(),
    phone: p.string().length(32),
    dispatchPhone: p.string().length(32),
  },
});

export const Building = defineEntity({
  name: 'Building',
  tableName: 'building',
  // The card the API keeps in process is checked against this version (db/read-version.ts); its
  // district and company decide who sees it and its meetings.
  triggers: [
    bumpsReadVersion('building', (r) => `select ${r}.id`),
    notifiesScopeChange('building', {
      when: `(new.district_id, new.management_organization_id) is distinct from
             (old.district_id, old.management_organization_id)`,
    }),
  ],
  // A page of buildings is read in natural address order within the caller's scope (a district, a
  // management company, everything): with these the page is read off the index in order, instead
  // of joining and sorting every building in the scope on every request.
  indexes: [
    {
      name: 'building_district_id_address_sort_key_index',
      columns: [{ name: 'district_id' }, { name: 'address_sort_key', collation: 'C' }, { name: 'id' }],
    },
    {
      name: 'building_management_organization_id_address_sort_key_index',
      columns: [
        { name: 'management_organization_id' },
        { name: 'address_sort_key', collation: 'C' },
        { name: 'id' },
      ],
    },
    {
      name: 'building_address_sort_key_index',
      columns: [{ name: 'address_sort_key', collation: 'C' }, { name: 'id' }],
    },
  ],
  checks: [
    {
      name: 'building_plot_check',
      expression:
        '(plot_lon is null) = (plot_lat is null) and (plot_lon is null or (plot_lon between -180 and 180 and plot_lat between -90 and 90))',
    },
  ],
  properties: {
    id: id(),
    district: () => p.manyToOne(District).index(),
    address: p.string(),
    // The address in natural order (every digit run padded to 8 digits, as the repository's
    // natural() computes it), kept by the database: lists sort by it on every page, and computing
    // it per row per request cost more than the rest of the list.
    addressSortKey: p
      .text()
      .$type<Opt<string>>()
      .generated(
        "(regexp_replace(regexp_replace(address, '([0-9]+)', '00000000\\1', 'g'), '0*([0-9]{8})', '\\1', 'g')) stored",
      ),
    cadastralNumber: p.string().length(64).unique(),
    yearBuilt: p.smallint(),
    floors: p.smallint().check('floors > 0'),
    entrances: p.smallint().check('entrances > 0'),
    totalArea: p.decimal('number').precision(12).scale(2),
    livingArea: p.decimal('number').precision(12).scale(2),
    conditionClass: p.enum(CONDITION_CLASSES).nullable(),
    managementOrganization: () => p.manyToOne(ManagementOrganization).nullable().index(),
    // The centre of its land plot (land_plot.boundary, kept by putLandPlot in the same statement);
    // null while no plot is on record, and the lots then place the building by its street. Kept
    // here so that placing a whole district reads two numbers per building, not its polygon.
    plotLon: p.double().nullable(),
    plotLat: p.double().nullable(),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const Apartment = defineEntity({
  name: 'Apartment',
  tableName: 'apartment',
  // The building card counts its apartments.
  triggers: [
    bumpsReadVersion('apartment', (r) => `select ${r}.building_id`, {
      when: 'new.building_id is distinct from old.building_id',
    }),
    // Its owners see the building it is in.
    notifiesScopeChange('apartment', { when: 'new.building_id is distinct from old.building_id' }),
  ],
  uniques: [{ properties: ['building', 'number'] }],
  properties: {
    id: id(),
    // No separate index: the (building, number) unique index starts with building_id.
    building: () => p.manyToOne(Building),
    number: p.string().length(16),
    entrance: p.smallint(),
    floor: p.smallint(),
    area: p.decimal('number').precision(10).scale(2).check('area > 0'),
  },
});

export const Person = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: {
    id: id(),
    pinfl: p.string().length(14).unique().check("pinfl ~ '^[0-9]{14}$'"),
    fullName: p.string(),
    phone: p.string().length(32).nullable(),
    email: p.string().nullable(),
    language: p.enum(LANGUAGES),
  },
});

export const Ownership = defineEntity({
  name: 'Ownership',
  tableName: 'ownership',
  // A resident sees the buildings (and their meetings) where they own an apartment.
  triggers: [notifiesScopeChange('ownership')],
  uniques: [{ properties: ['person', 'apartment'] }],
  checks: [
    {
      name: 'ownership_share_check',
      expression: 'share_numerator > 0 and share_numerator <= share_denominator',
    },
  ],
  properties: {
    id: id(),
    // (person, apartment) unique covers lookups by person; apartment needs its own index.
    person: () => p.manyToOne(Person),
    apartment: () => p.manyToOne(Apartment).index(),
    shareNumerator: p.integer(),
    shareDenominator: p.integer(),
  },
});

export const UserAccount = defineEntity({
  name: 'UserAccount',
  tableName: 'user_account',
  properties: {
    id: id(),
    person: () => p.manyToOne(Person).nullable().index(),
    displayName: p.string(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const RoleGrant = defineEntity({
  name: 'RoleGrant',
  tableName: 'role_grant',
  uniques: [{ properties: ['user', 'role'] }],
  properties: {
    id: id(),
    user: () => p.manyToOne(UserAccount),
    role: p.enum(ROLES),
    organization: () => p.manyToOne(ManagementOrganization).nullable(),
    district: () => p.manyToOne(District).nullable(),
  },
});

/** One row per registry-sync activity run; the unique key makes a retried activity a no-op. */
export const RegistryCheck = defineEntity({
  name: 'RegistryCheck',
  tableName: 'registry_check',
  uniques: [{ properties: ['workflowId', 'runId'] }],
  properties: {
    id: id(),
    building: () => p.manyToOne(Building).index(),
    workflowId: p.string(),
    runId: p.string(),
    checkedAt: p.datetime(),
    findings: p.json<RegistryFinding[]>(),
    ok: p.boolean(),
  },
});

export const registryEntities = [
  Region,
  District,
  Council,
  ManagementOrganization,
  Building,
  Apartment,
  Person,
  Ownership,
  UserAccount,
  RoleGrant,
  RegistryCheck,
];

export type IRegion = InferEntity<typeof Region>;
export type IDistrict = InferEntity<typeof District>;
export type ICouncil = InferEntity<typeof Council>;
export type IManagementOrganization = InferEntity<typeof ManagementOrganization>;
export type IBuilding = InferEntity<typeof Building>;
export type IApartment = InferEntity<typeof Apartment>;
export type IPerson = InferEntity<typeof Person>;
export type IOwnership = InferEntity<typeof Ownership>;
export type IUserAccount = InferEntity<typeof UserAccount>;
export type IRoleGrant = InferEntity<typeof RoleGrant>;
export type IRegistryCheck = InferEntity<typeof RegistryCheck>;
