// Mail is queued by one insert, db/mail/outbox.ts `enqueueMail`, inside the caller's own
// transaction: a second copy of that statement would drift from it (a column added, a conflict
// rule changed) and the dispatcher would meet rows written two ways.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
/**
 * Statements that must stay one SQL statement with the write they belong to, each with its reason.
 * None today: the ballot receipt, which was one, now goes to the voter through notifications,
 * queued in the ballot's own transaction (db/meetings/ballots.ts).
 */
const SINGLE_STATEMENT: Record<string, string> = {};

async function* sources(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'migrations') yield* sources(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield full;
  }
}

it('has one home for the insert into mail_outbox', async () => {
  const writers: string[] = [];
  for (const layer of ['domain', 'db', 'activities', 'api', 'workflows', 'platform', 'scripts']) {
    for await (const file of sources(path.join(root, layer))) {
      if (/insert\s+into\s+mail_outbox/i.test(await readFile(file, 'utf8')))
        writers.push(path.relative(root, file));
    }
  }
  expect(writers.sort()).toEqual(['db/mail/outbox.ts', ...Object.keys(SINGLE_STATEMENT)].sort());
});
