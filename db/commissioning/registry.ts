// What the cadastre's answer does: the passport is kept and recorded as the first condition, and
// the registry record is made from it (the building row under the id reserved at application), so
// "shown in the registry" follows from the passport without anyone typing it in again.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommissioningCondition } from '../../domain/commissioning/policy.ts';
import type { CadastralPassport } from '../../domain/commissioning/view.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { Building } from '../registry/entities.ts';
import type { ICommissioningApplication } from './entities.ts';
import { applyLocked, lockApplication, SYSTEM } from './repository.ts';

const OPEN = ['applied', 'checking', 'waiting'];

/** Records by the system; a refusal (a deadline passed meanwhile) leaves the condition unmet. */
async function recordBySystem(
  tx: EntityManager,
  row: ICommissioningApplication,
  condition: CommissioningCondition,
  documentId: string,
): Promise<void> {
  if (row.conditions[condition] || !OPEN.includes(row.state)) return;
  try {
    await applyLocked(
      tx,
      row,
      { type: 'record_condition', condition, evidence: { documentId, signedByTins: [] } },
      SYSTEM,
    );
  } catch (err) {
    if (!(err instanceof RuleError)) throw err;
  }
}

/** The registry row for the passport, or why there cannot be one. */
async function showInRegistry(
  tx: EntityManager,
  row: ICommissioningApplication,
  p: CadastralPassport,
): Promise<{ buildingId: string } | { problem: string }> {
  const held = await tx.findOne(Building, { cadastralNumber: p.cadastralNumber });
  if (held && held.id !== row.buildingId)
    return { problem: `the cadastral number is held by another registry building (${held.id})` };
  if (held) {
    if (held.district.id !== row.district.id)
      return { problem: 'the registry building is in another district' };
    return { buildingId: held.id };
  }
  tx.create(Building, {
    id: row.buildingId,
    district: row.district.id,
    address: p.address,
    cadastralNumber: p.cadastralNumber,
    yearBuilt: p.yearBuilt,
    floors: p.floors,
    entrances: p.entrances,
    totalArea: p.totalAreaM2,
    livingArea: p.livingAreaM2,
    conditionClass: null,
    managementOrganization: null,
  });
  return { buildingId: row.buildingId };
}

/** Applies the cadastre's answer: null means no passport yet, and nothing changes. */
export async function applyCadastreAnswer(
  em: EntityManager,
  applicationId: string,
  passport: CadastralPassport | null,
): Promise<void> {
  if (!passport) return;
  await em.transactional(async (tx) => {
    const row = await lockApplication(tx, applicationId);
    if (!OPEN.includes(row.state)) return;
    if (passport.cadastralNumber !== row.cadastralNumber) return;
    row.passport = passport;
    await recordBySystem(tx, row, 'cadastral_passport_issued', `cadastre:${passport.passportNumber}`);
    const shown = await showInRegistry(tx, row, passport);
    if ('problem' in shown) {
      row.registryProblem = shown.problem;
      return;
    }
    row.registryProblem = null;
    await tx.flush();
    await recordBySystem(tx, row, 'shown_in_registry', `building:${shown.buildingId}`);
  });
}
