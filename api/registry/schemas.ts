// Response schemas of the registry endpoints. They mirror domain/registry/types.ts; the
// `satisfies` checks below make the compiler catch any drift between the two.
import { z } from '@hono/zod-openapi';
import { REGISTER_STATUSES } from '../../domain/common/register-status.ts';
import {
  type ApartmentView,
  type BuildingView,
  CONDITION_CLASSES,
  type DistrictView,
  type MyApartmentView,
} from '../../domain/registry/types.ts';
import { pageOf } from '../openapi.ts';

const Share = z.object({ numerator: z.number().int(), denominator: z.number().int() });

export const DistrictSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string().openapi({ example: 'Yunusobod tumani' }),
    regionId: z.uuid(),
    regionName: z.string(),
    council: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() }),
    buildingCount: z.number().int(),
  })
  .openapi('District');

export const OrganizationRefSchema = z
  .object({ id: z.uuid(), tin: z.string(), name: z.string(), registerStatus: z.enum(REGISTER_STATUSES) })
  .openapi('OrganizationRef');

export const BuildingSchema = z
  .object({
    id: z.uuid(),
    address: z.string().openapi({ example: 'Yunusobod 4-mavze, 12-uy' }),
    cadastralNumber: z.string().openapi({ example: '10:01:04:12:0012' }),
    yearBuilt: z.number().int(),
    floors: z.number().int(),
    entrances: z.number().int(),
    totalArea: z.number().openapi({ description: 'm²' }),
    livingArea: z.number().openapi({ description: 'm²' }),
    conditionClass: z.enum(CONDITION_CLASSES).nullable(),
    district: z.object({ id: z.uuid(), name: z.string() }),
    managementOrganization: OrganizationRefSchema.nullable(),
    apartmentCount: z.number().int(),
  })
  .openapi('Building');

export const ApartmentSchema = z
  .object({
    id: z.uuid(),
    buildingId: z.uuid(),
    number: z.string(),
    entrance: z.number().int(),
    floor: z.number().int(),
    area: z.number().openapi({ description: 'm²' }),
  })
  .openapi('Apartment');

export const MyApartmentSchema = ApartmentSchema.extend({
  address: z.string(),
  share: Share,
  coOwners: z.number().int(),
}).openapi('MyApartment');

export const MeSchema = z
  .object({
    userId: z.string(),
    personId: z.string().nullable(),
    name: z.string(),
    roles: z.array(z.string()),
    organizationId: z.string().nullable(),
    districtId: z.string().nullable(),
  })
  .openapi('Me');

export const DistrictPage = pageOf(DistrictSchema, 'DistrictPage');
export const BuildingPage = pageOf(BuildingSchema, 'BuildingPage');
export const ApartmentPage = pageOf(ApartmentSchema, 'ApartmentPage');

// Compile-time drift checks between the wire schemas and the shared domain types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _drift: [
  Same<z.infer<typeof DistrictSchema>, DistrictView>,
  Same<z.infer<typeof BuildingSchema>, BuildingView>,
  Same<z.infer<typeof ApartmentSchema>, ApartmentView>,
  Same<z.infer<typeof MyApartmentSchema>, MyApartmentView>,
] = [true, true, true, true];
void _drift;
