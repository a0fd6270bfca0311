// How the app finds and runs Temporal: the CLI lookup order, and the persistent dev server.

import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import {
  cachedCliDir,
  checkTemporalReachable,
  connectClient,
  resolveTemporalCli,
  startDevServer,
} from '../../platform/temporal.ts';
import { registrySyncWorkflow } from '../../workflows/registry/contract.ts';
import { freePort } from '../support/processes.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'mu-temporal-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function fakeExecutable(dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, '#!/bin/sh\n');
  await chmod(file, 0o755);
  return file;
}

describe('resolveTemporalCli', () => {
  const silent = { log: () => undefined };

  it('prefers TEMPORAL_CLI_PATH, then PATH, then the cached build', async () => {
    const explicit = await fakeExecutable(path.join(tmp, 'explicit'), 'temporal');
    const onPath = await fakeExecutable(path.join(tmp, 'bin'), 'temporal');
    const env = { PATH: path.join(tmp, 'bin'), XDG_CACHE_HOME: path.join(tmp, 'cache') };
    const cached = await fakeExecutable(cachedCliDir(env), 'temporal');

    const config = (cliPath?: string) => loadConfig({ TEMPORAL_CLI_PATH: cliPath });
    expect(await resolveTemporalCli(config(explicit), { env, ...silent })).toBe(explicit);
    expect(await resolveTemporalCli(config(), { env, ...silent })).toBe(onPath);
    expect(await resolveTemporalCli(config(), { env: { ...env, PATH: '' }, ...silent })).toBe(cached);
    expect(cached).toBe(path.join(tmp, 'cache', 'mening-uyim', 'temporal-v1.5.1', 'temporal'));
  });

  it('leaves the choice to the SDK when there is no binary and no Go', async () => {
    const env = { PATH: path.join(tmp, 'empty'), XDG_CACHE_HOME: path.join(tmp, 'nocache') };
    expect(await resolveTemporalCli(loadConfig({}), { env, ...silent })).toBeUndefined();
  });

  it('refuses a TEMPORAL_CLI_PATH that is not an executable', async () => {
    await expect(
      resolveTemporalCli(loadConfig({ TEMPORAL_CLI_PATH: path.join(tmp, 'nope') })),
    ).rejects.toThrow(/TEMPORAL_CLI_PATH/);
  });
});

/**
 * A port found free can be taken by another process's outgoing connection before the dev server
 * binds it (they are in the ephemeral range): such a start is tried again on new ports.
 */
async function startOnFreshPorts(dataDir: string) {
  for (let attempt = 1; ; attempt++) {
    const config = loadConfig({
      DATA_DIR: dataDir,
      TEMPORAL_CLI_PATH: inject('temporalCliPath') || undefined,
      TEMPORAL_NAMESPACE: 'mening-uyim',
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
    });
    try {
      return { config, dev: await startDevServer(config, { log: () => undefined }) };
    } catch (err) {
      if (attempt >= 3 || !/in use/.test(String(err))) throw err;
    }
  }
}

describe('startDevServer', () => {
  it('serves the namespace and the UI, keeps workflows across a restart, and stops', async () => {
    const { config, dev } = await startOnFreshPorts(path.join(tmp, 'data'));
    expect(dev.address).toBe(`127.0.0.1:${config.temporal.devPort}`);
    expect((await fetch(dev.uiUrl)).status).toBe(200);

    const client = await connectClient(config, dev.address);
    await checkTemporalReachable(client);
    await client.workflow.start(registrySyncWorkflow.name, {
      taskQueue: 'nobody',
      workflowId: 'kept',
      args: [],
    });
    await client.connection.close();
    await dev.stop();

    // The workflows live in the data folder, not on the ports: the restart may take new ones.
    const { config: config2, dev: again } = await startOnFreshPorts(path.join(tmp, 'data'));
    const client2 = await connectClient(config2, again.address);
    expect((await client2.workflow.getHandle('kept').describe()).status.name).toBe('RUNNING');
    await client2.connection.close();
    await again.stop();
    const lazy = await connectClient(config2, again.address, { lazy: true });
    await expect(checkTemporalReachable(lazy, 500)).rejects.toThrow();
    await lazy.connection.close();
  });

  it('refuses to start on a port that something else holds', async () => {
    const squatter = createServer().listen(0, '127.0.0.1');
    await once(squatter, 'listening');
    const config = loadConfig({
      DATA_DIR: path.join(tmp, 'data2'),
      TEMPORAL_CLI_PATH: inject('temporalCliPath') || undefined,
      TEMPORAL_DEV_PORT: String((squatter.address() as AddressInfo).port),
      TEMPORAL_UI_PORT: String(await freePort()),
    });
    await expect(startDevServer(config, { log: () => undefined })).rejects.toThrow(/in use/);
    squatter.close();
  });
});
