import type { Principal } from '../access/roles.ts';

/**
 * Who takes a step: a person through the API, or the system itself (a timer in a workflow, or
 * another workflow's word, e.g. a missed tax registration removing an organization).
 */
export type Actor = { kind: 'system' } | { kind: 'user'; principal: Principal };
