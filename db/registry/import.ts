// The bulk import of buildings, apartments or owners from a CSV file: parsed, checked whole, then
// written in one transaction by natural key, so a file is either imported entirely or not at all
// and importing it again changes nothing. Every run leaves an import_run row with its report.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ApartmentImportRow,
  type BuildingImportRow,
  type OwnerImportRow,
  validateImport,
} from '../../domain/registry/import-csv.ts';
import {
  type ImportError,
  type ImportKind,
  resolveImportPolicy,
} from '../../domain/registry/import-fields.ts';
import { FileProblem, parseImportFile } from '../csv-file.ts';
import { ImportRun } from './condition-entities.ts';
import {
  columnLimits,
  contextOf,
  inconsistentPersons,
  outOfDistrict,
  unknownOrganizations,
} from './import-checks.ts';
import { type ChunkCounts, upsertApartments, upsertBuildings, upsertOwners } from './import-write.ts';

/** building.address is varchar(255); the rules' default of 500 would pass rows the column refuses. */
const POLICY = resolveImportPolicy({ maxAddressLength: 255 });
const CHUNK = 1000;
/** [design] a report a clerk reads: a file wrong on every row says so in its first thousand errors */
const MAX_REPORTED_ERRORS = 1000;

export type ImportPhase = 'validating' | 'writing';

export interface ImportInput {
  kind: ImportKind;
  filename: string;
  bytes: Uint8Array;
  userId: string | null;
  /** A council's district: every row must be of it. Null for an admin or an operator's script. */
  districtId: string | null;
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

export type ImportReport =
  | ({ id: string; status: 'imported'; rows: number } & ChunkCounts)
  | {
      id: string;
      status: 'rejected';
      /** file: not CSV at all; forbidden: rows of another district; invalid: the rules refused rows. */
      reason: 'file' | 'forbidden' | 'invalid';
      rows: number;
      errors: ImportError[];
    };

export interface ImportRunView {
  id: string;
  kind: ImportKind;
  filename: string;
  status: 'imported' | 'rejected';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  createdByUserId: string | null;
  createdAt: string;
}

function capped(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const omitted = errors[MAX_REPORTED_ERRORS]!;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    {
      row: omitted.row,
      field: '*',
      message: `${errors.length - MAX_REPORTED_ERRORS} more errors from this row on are not listed`,
    },
  ];
}

export async function runImport(em: EntityManager, input: ImportInput): Promise<ImportReport> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const filename = input.filename.slice(0, 255);
  const run = (
    on: EntityManager,
    status: 'imported' | 'rejected',
    rows: number,
    counts: ChunkCounts,
    errors: ImportError[],
  ) =>
    on.create(ImportRun, {
      kind: input.kind,
      filename,
      sha256,
      status,
      rows,
      ...counts,
      errors,
      createdByUserId: input.userId,
    });
  const none = { created: 0, updated: 0, unchanged: 0 };
  const reject = async (reason: 'file' | 'forbidden' | 'invalid', rows: number, all: ImportError[]) => {
    const errors = capped([...all].sort((x, y) => x.row - y.row));
    const saved = run(em, 'rejected', rows, none, errors);
    await em.flush();
    return { id: saved.id, status: 'rejected' as const, reason, rows, errors };
  };

  let parsed: ReturnType<typeof parseImportFile>;
  try {
    parsed = parseImportFile(input.bytes);
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    return reject('file', 0, [{ row: 1, field: 'file', message: err.message }]);
  }
  const { header, records } = parsed;
  const total = records.length;
  input.onProgress?.('validating', 0, total);
  if (input.districtId) {
    const foreign = await outOfDistrict(em, input.kind, records, input.districtId);
    if (foreign.length > 0) return reject('forbidden', total, foreign);
  }
  const ctx = await contextOf(em, input.kind, records);
  const result = validateImport(input.kind, header, records, ctx, POLICY);
  const errors = [
    ...parsed.errors,
    ...(result.ok ? [] : result.errors),
    ...columnLimits(input.kind, records),
    ...(input.kind === 'buildings' ? await unknownOrganizations(em, records) : []),
    ...(input.kind === 'owners' ? inconsistentPersons(records) : []),
  ];
  input.onProgress?.('validating', total, total);
  if (!result.ok || errors.length > 0) return reject('invalid', total, errors);

  try {
    return await em.transactional(async (tx) => {
      const counts = { ...none };
      input.onProgress?.('writing', 0, total);
      for (let i = 0; i < total; i += CHUNK) {
        const chunk = result.rows.slice(i, i + CHUNK);
        const c = await writeChunk(tx, input.kind, chunk);
        counts.created += c.created;
        counts.updated += c.updated;
        counts.unchanged += c.unchanged;
        input.onProgress?.('writing', Math.min(i + CHUNK, total), total);
      }
      const saved = run(tx, 'imported', total, counts, []);
      await tx.flush();
      return { id: saved.id, status: 'imported' as const, rows: total, ...counts };
    });
  } catch (err) {
    // Rolled back; the run is still recorded, and the error goes on to the caller's log.
    const message = err instanceof Error ? err.message : String(err);
    await reject('invalid', total, [{ row: 1, field: 'file', message: `not imported: ${message}` }]);
    throw err;
  }
}

function writeChunk(tx: EntityManager, kind: ImportKind, rows: unknown[]): Promise<ChunkCounts> {
  if (kind === 'buildings') return upsertBuildings(tx, rows as BuildingImportRow[]);
  if (kind === 'apartments') return upsertApartments(tx, rows as ApartmentImportRow[]);
  return upsertOwners(tx, rows as OwnerImportRow[]);
}

export async function getImportRun(em: EntityManager, id: string): Promise<ImportRunView | null> {
  const r = await em.findOne(ImportRun, { id });
  if (!r) return null;
  return {
    id: r.id,
    kind: r.kind,
    filename: r.filename,
    status: r.status,
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    errors: r.errors,
    createdByUserId: r.createdByUserId ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
