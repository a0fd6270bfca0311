// Failures as the workflows pass them on. Deterministic (no I/O), so any workflow may import it.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/**
 * Awaits an activity, rethrowing the rule's own failure instead of the ActivityFailure around it,
 * so an update's caller (the API) maps what the rule said.
 */
export async function unwrapped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
  }
}
