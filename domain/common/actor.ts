// Who takes a step, as every capability's rules see it.
import type { Principal } from '../access/roles.ts';

/**
 * A person through the API, or the system itself: a timer in a workflow, or another workflow's
 * word (a missed tax registration removes an organization on its own).
 */
export type Actor = { kind: 'system' } | { kind: 'user'; principal: Principal };
