// The promise the books make after every scenario: every balance sums to zero, every entry's
// changes too, each account's balance is its last entry's, and each posted transfer has its two
// entries. Every billing test calls expectBalancedBooks in its afterEach.
import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'vitest';
import { auditLedger } from '../../db/billing/ledger.ts';

export async function expectBalancedBooks(em: EntityManager): Promise<void> {
  const audit = await auditLedger(em);
  expect(audit).toEqual({ accounts: 0n, entries: 0n, drifted: [], unbalanced: [] });
}
