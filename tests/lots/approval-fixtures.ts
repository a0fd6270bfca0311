// Shared by the approval test and the history recorder: the real app and workers on a database of
// their own seeded with the configured demo (its district split into draft lots here), the lots'
// workflows on a queue of their own, the council's clock in seconds.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createOrm } from '../../db/orm.ts';
import { DEMO_IDS, seedDemo } from '../../db/seed/demo.ts';
import type { LotPolicy } from '../../domain/lots/policy.ts';
import { signEcdsa } from '../../domain/signatures/ecdsa.ts';
import { loadConfig, TASK_QUEUES } from '../../platform/config.ts';
import type { LotApprovalState } from '../../workflows/lots/contract.ts';
import { call, newKey, ok } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type RunningWorkers, startWorkers } from '../support/worker-harness.ts';

export const SECOND_IN_DAYS = 1 / 86_400;

export interface LotView {
  id: string;
  number: number;
  districtId: string;
  buildingIds: string[];
  apartments: number;
  state: { version: number; approval: string; remarks: string | null; decisionDocument: string | null };
}
export interface Reviewed {
  lot: LotView;
  review: LotApprovalState;
}

export interface LotsEnv {
  app: TestApp;
  workers: RunningWorkers;
  tokens: Record<'council' | 'resident' | 'admin' | 'inspector', string>;
  districtId: string;
  em(): EntityManager;
  stop(): Promise<void>;
}

export async function startLotsEnv(
  policy: Partial<LotPolicy>,
  stack: { databaseUrl: string; temporalAddress: string },
): Promise<LotsEnv> {
  const queue = `lots-test-${randomUUID()}`;
  const seeder = await createOrm({ url: stack.databaseUrl, poolMax: 2 });
  try {
    await seedDemo(seeder, loadConfig({}).demo);
  } finally {
    await seeder.close();
  }
  const app = await createTestApp({
    env: { LOTS_POLICY: JSON.stringify(policy) },
    taskQueues: { lots: queue },
    ...stack,
  });
  // Every other queue under a name nobody uses: this file's workers take only its own lots' tasks.
  const taskQueues = Object.fromEntries(
    Object.keys(TASK_QUEUES).map((q) => [q, q === 'lots' ? queue : `${q}-unused-${queue}`]),
  );
  const workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '4' }),
    orm: app.deps.orm,
    temporalAddress: stack.temporalAddress,
    taskQueues,
  });
  const tokens = {
    council: await app.tokenFor('council'),
    resident: await app.tokenFor('resident'),
    admin: await app.tokenFor('admin'),
    inspector: await app.tokenFor('inspector'),
  };
  const em = () => app.deps.orm.em.fork() as EntityManager;
  const [row] = await em().execute<{ id: string }[]>('select district_id as id from building where id = ?', [
    DEMO_IDS.building,
  ]);
  return {
    app,
    workers,
    tokens,
    districtId: row!.id,
    em,
    async stop() {
      await workers.stop();
      await app.close();
    },
  };
}

/** The demo district's proposal saved as draft lots. */
export async function draftLots(env: LotsEnv): Promise<LotView[]> {
  const proposal = await ok<{ lots: { buildingIds: string[] }[] }>(
    await call(env.app, 'GET', `/lots/proposal?districtId=${env.districtId}`, { token: env.tokens.council }),
  );
  return ok<LotView[]>(
    await call(env.app, 'POST', '/lots/drafts', {
      token: env.tokens.council,
      key: newKey(),
      body: { districtId: env.districtId, lots: proposal.lots.map((l) => ({ buildingIds: l.buildingIds })) },
    }),
    201,
  );
}

export const submit = (env: LotsEnv, lotId: string, key = newKey(), token = env.tokens.council) =>
  call(env.app, 'POST', `/lots/${lotId}/submission`, { token, key });

/** The council member's key pair per token, registered once (POST /me/signing-keys). */
const signingKeys = new Map<string, Promise<CryptoKeyPair>>();
function keyOf(env: Pick<LotsEnv, 'app'>, token: string): Promise<CryptoKeyPair> {
  let keys = signingKeys.get(token);
  if (!keys) {
    keys = (async () => {
      const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      // A caller who may not register one (no council member) is refused by the decision itself.
      await call(env.app, 'POST', '/me/signing-keys', {
        token,
        body: { publicKeyJwk: await crypto.subtle.exportKey('jwk', pair.publicKey) },
      });
      return pair;
    })();
    signingKeys.set(token, keys);
  }
  return keys;
}

/**
 * An approval as a council member makes it: the act read (GET /lots/{id}/decision/act) and its
 * exact bytes signed. Where there is no act to read (not submitted, not a council member) other
 * bytes are signed, so the decision's own refusal is what the caller sees.
 */
export async function signedApproval(
  env: Pick<LotsEnv, 'app'>,
  lotId: string,
  token: string,
  over?: Uint8Array,
): Promise<{ decision: 'approve'; documentSha256: string; signature: Record<string, unknown> }> {
  const res = await call(env.app, 'GET', `/lots/${lotId}/decision/act`, { token });
  const read = res.status === 200;
  const bytes = read ? new Uint8Array(await res.arrayBuffer()) : new TextEncoder().encode('no act');
  const keys = await keyOf(env, token);
  return {
    decision: 'approve',
    documentSha256: (read && res.headers.get('x-document-sha256')) || '0'.repeat(64),
    signature: {
      scheme: 'ecdsa-p256-sha256',
      publicKeyJwk: await crypto.subtle.exportKey('jwk', keys.publicKey),
      signatureBase64: await signEcdsa(over ?? bytes, keys.privateKey),
    },
  };
}

/** The council's decision; an approval signs the act of the decision, as the widget does. */
export const decide = async (
  env: Pick<LotsEnv, 'app' | 'tokens'>,
  lotId: string,
  body: { decision: 'approve' } | { decision: 'return'; remarks: string },
  key = newKey(),
  token = env.tokens.council,
) =>
  call(env.app, 'POST', `/lots/${lotId}/decision`, {
    token,
    key,
    body: body.decision === 'approve' ? await signedApproval(env, lotId, token) : body,
  });
