// Custom search attributes live here, in workflow-safe code, because workflows upsert them and the
// dev and test servers must register the same list at start-up (platform/temporal.ts). A production
// cluster needs each one created by its operator before a workflow that sets it is deployed.
import type { defineSearchAttributeKey } from '@temporalio/common';

export type AnySearchAttributeKey = ReturnType<typeof defineSearchAttributeKey>;

export const SEARCH_ATTRIBUTES: readonly AnySearchAttributeKey[] = [];
