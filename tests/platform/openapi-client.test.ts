// A typed client generated from the served document works as another team would use it: the
// types openapi-typescript writes from /openapi.json compile under tsc with a small openapi-fetch
// client (tests/platform/typed-client/client.ts), whose deliberate misuses the types refuse, and
// that client then lists buildings, reads a building card and submits an appeal once per
// Idempotency-Key against the API listening on a real socket.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { type AppealsEnv, newScene, type Scene, startAppealsEnv } from '../appeals/fixtures.ts';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** The client's surface as this test uses it; the compiled copy is imported by path at run time. */
interface ClientModule {
  ApiRefusal: new (...args: never[]) => Error;
  housingClient(
    baseUrl: string,
    token: string,
  ): {
    listBuildings(): Promise<{ id: string }[]>;
    getBuilding(id: string): Promise<{ id: string; managementOrganization: { id: string } | null }>;
    submitAppeal(
      key: string,
      body: object,
    ): Promise<{ created: boolean; appeal: { id: string; registrationNumber: string } }>;
    getAppeal(id: string): Promise<{ registrationNumber: string }>;
  };
}

let env: AppealsEnv;
let scene: Scene;
let server: RunningServer;
/** The generated types and a copy of the client, as a package of their own. */
let dir: string;
beforeAll(async () => {
  env = await startAppealsEnv();
  scene = await newScene(env);
  server = await listen(env.app.app, '127.0.0.1', 0);
  const doc = await (await fetch(`${server.url}/openapi.json`)).json();
  dir = await mkdtemp(path.join(os.tmpdir(), 'mu-typed-client-'));
  await writeFile(path.join(dir, 'schema.ts'), astToString(await openapiTS(doc)));
  await copyFile(root('tests/platform/typed-client/client.ts'), path.join(dir, 'client.ts'));
  await symlink(root('node_modules'), path.join(dir, 'node_modules'), 'dir');
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: root('tsconfig.json'), files: ['client.ts'], include: [], exclude: [] }),
  );
});
afterAll(async () => {
  await server?.close();
  await env?.stop();
});

describe('a client generated from /openapi.json', () => {
  it('compiles under tsc with the generated types, which refuse what the document forbids', () => {
    const tsc = spawnSync(process.execPath, [root('node_modules/typescript/bin/tsc'), '-p', dir], {
      encoding: 'utf8',
    });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('lists buildings, reads a building card and submits an appeal once per Idempotency-Key', async () => {
    const { ApiRefusal, housingClient } = (await import(path.join(dir, 'client.ts'))) as ClientModule;
    const owner = housingClient(server.url, scene.owner);
    const buildings = await owner.listBuildings();
    expect(buildings.map((b) => b.id)).toEqual([scene.buildingId]);

    const card = await owner.getBuilding(scene.buildingId);
    expect(card).toMatchObject({ id: scene.buildingId, managementOrganization: { id: scene.org.id } });

    const key = `typed-client-${randomUUID()}`;
    const body = {
      category: 'heating' as const,
      kind: 'complaint' as const,
      subject: { buildingId: scene.buildingId },
      text: 'No heating in the stairwell',
      attachmentIds: [],
    };
    const first = await owner.submitAppeal(key, body);
    expect(first.created).toBe(true);
    expect(first.appeal).toMatchObject({ status: 'registered', category: 'heating', kind: 'complaint' });
    const replay = await owner.submitAppeal(key, body);
    expect(replay).toMatchObject({ created: false, appeal: { id: first.appeal.id } });
    expect((await owner.getAppeal(first.appeal.id)).registrationNumber).toBe(first.appeal.registrationNumber);

    const stranger = housingClient(server.url, scene.staff);
    const refusal = await stranger
      .submitAppeal(`typed-client-${randomUUID()}`, body)
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiRefusal);
    expect(refusal).toMatchObject({ status: 403, problem: { status: 403 } });
  });
});
