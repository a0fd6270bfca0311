export * from './sync-building.ts';
