// Imports a CSV file of buildings, apartments or owners into DATABASE_URL, as an operator would
// load a district's registry, with the same checks and the same all-or-nothing transaction as
// POST /api/v1/imports/{kind}:
//   npm run import -- buildings binolar.csv
// Exit codes: 0 imported, 1 refused (the report lists each row), 2 usage or setup.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createOrm, migrateUp } from '../db/orm.ts';
import { type ImportPhase, runImport } from '../db/registry/import.ts';
import { IMPORT_KINDS, type ImportKind } from '../domain/registry/import-fields.ts';
import { loadConfig } from '../platform/config.ts';
import { progressBar } from './lib/progress.ts';

const fail = (message: string, code = 2): never => {
  console.error(`import: ${message}`);
  process.exit(code);
};

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const [kind, file] = positionals;
if (!kind || !file || positionals.length > 2)
  fail(`usage: npm run import -- <${IMPORT_KINDS.join('|')}> <file.csv>`);
if (!(IMPORT_KINDS as readonly string[]).includes(kind!)) {
  fail(`the kind must be one of ${IMPORT_KINDS.join(', ')}, not "${kind}"`);
}
const url =
  loadConfig().database.url ??
  fail('DATABASE_URL is not set (`npm start` prints the URL of the database it embeds)');
const bytes = await readFile(file!).catch((err: Error) => fail(`cannot read ${file}: ${err.message}`));

const orm = await createOrm({ url, poolMax: 2 });
let exitCode = 0;
try {
  await migrateUp(orm);
  const bars: Partial<Record<ImportPhase, ReturnType<typeof progressBar>>> = {};
  const onProgress = (phase: ImportPhase, done: number, total: number) => {
    if (phase === 'writing') bars.validating?.stop();
    bars[phase] ??= progressBar(phase === 'validating' ? 'checking' : 'writing ');
    bars[phase].update(done, total);
  };
  const report = await runImport(orm.em.fork() as EntityManager, {
    kind: kind as ImportKind,
    filename: path.basename(file!),
    bytes,
    userId: null,
    districtId: null,
    onProgress,
  });
  bars.validating?.stop();
  bars.writing?.stop();
  if (report.status === 'imported') {
    console.log(
      `Imported ${report.rows} ${kind} rows from ${file}: ${report.created} created, ` +
        `${report.updated} updated, ${report.unchanged} unchanged (run ${report.id})`,
    );
  } else {
    exitCode = 1;
    console.error(
      `Not imported: ${report.errors.length} problems in ${file}; nothing was written (run ${report.id})`,
    );
    for (const e of report.errors) console.error(`  row ${e.row}, ${e.field}: ${e.message}`);
  }
} finally {
  await orm.close();
}
process.exit(exitCode);
