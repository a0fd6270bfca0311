// A mutex for one workflow run: changes by the main line and by update handlers never
// interleave across an await. Deterministic (only `condition`), so any workflow may use it.
import { condition } from '@temporalio/workflow';

export type Exclusive = <T>(fn: () => Promise<T>) => Promise<T>;

export function createExclusive(): Exclusive {
  let locked = false;
  return async (fn) => {
    // Re-checks after each wake: several waiters can be released by the same unlock.
    while (locked) await condition(() => !locked);
    locked = true;
    try {
      return await fn();
    } finally {
      locked = false;
    }
  };
}
