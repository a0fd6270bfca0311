// Waiting on the workflow's clock. Deterministic (only `condition`), so any workflow may use it.
import { condition } from '@temporalio/workflow';

/**
 * Waits until `at` (epoch ms), or until `wake` turns true; true when woken. At or past `at` it
 * starts no timer and answers `wake()` at once.
 */
export async function waitUntil(at: number, wake: () => boolean = () => false): Promise<boolean> {
  const ms = Math.ceil(at - Date.now());
  if (ms <= 0) return wake();
  return condition(wake, ms);
}
