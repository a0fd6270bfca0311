// The three buildings the fake registry API serves: green with an organization, red under a
// suspended one, and a new one not yet assessed. Their own leaf, so the fake API and its condition
// data both read them without importing each other.
import type { BuildingView } from '../../domain/registry/types.ts';

export const BUILDINGS: BuildingView[] = [
  {
    id: '0a6f4c52-8a0e-4c56-9d1e-2c3b4d5e6f01',
    address: 'Yunusobod 4-mavze, 12-uy',
    cadastralNumber: '10:01:04:12:0012',
    yearBuilt: 1978,
    floors: 9,
    entrances: 4,
    totalArea: 12480.5,
    livingArea: 8715.25,
    conditionClass: 'green',
    district: { id: 'd1000000-0000-4000-8000-000000000001', name: 'Yunusobod tumani' },
    managementOrganization: {
      id: 'c1000000-0000-4000-8000-000000000001',
      tin: '305123456',
      name: '“Obod Yunusobod” MChJ',
      registerStatus: 'registered',
    },
    apartmentCount: 144,
  },
  {
    id: '0a6f4c52-8a0e-4c56-9d1e-2c3b4d5e6f02',
    address: 'Chilonzor 9-kvartal, 3-uy',
    cadastralNumber: '10:01:09:03:0003',
    yearBuilt: 1969,
    floors: 5,
    entrances: 6,
    totalArea: 4380,
    livingArea: 3012.4,
    conditionClass: 'red',
    district: { id: 'd1000000-0000-4000-8000-000000000002', name: 'Chilonzor tumani' },
    managementOrganization: {
      id: 'c1000000-0000-4000-8000-000000000002',
      tin: '306654321',
      name: '“Chilonzor Servis” MChJ',
      registerStatus: 'suspended',
    },
    apartmentCount: 90,
  },
  {
    id: '0a6f4c52-8a0e-4c56-9d1e-2c3b4d5e6f03',
    address: 'Mirzo Ulugʻbek tumani, Buyuk Ipak Yoʻli 77-uy',
    cadastralNumber: '10:01:11:07:0077',
    yearBuilt: 2024,
    floors: 16,
    entrances: 2,
    totalArea: 15120.75,
    livingArea: 10980,
    conditionClass: null,
    district: { id: 'd1000000-0000-4000-8000-000000000003', name: 'Mirzo Ulugʻbek tumani' },
    managementOrganization: null,
    apartmentCount: 128,
  },
];
