// End to end: starts the platform exactly as `npm start` does (scripts/start.ts, nothing
// configured, so PostgreSQL, Temporal and SMTP are all embedded), loads the demo portal in
// headless Chromium, checks the building card shows the registry's real data, runs a workflow,
// and restarts to prove that data and workflow history survive.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BuildingView } from '../../domain/registry/types.ts';
import { DEMO_APPEALS } from '../../scripts/lib/demo-appeals.ts';
import { DEMO_CONTRACT_ID } from '../../scripts/lib/demo-contracts.ts';
import { launchBrowser, textOf } from '../support/browser.ts';
import { freePort, type Started, startScript } from '../support/processes.ts';

let browser: Browser;
let env: Record<string, string>;
let platform: Started | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mu-e2e-'));
  env = {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    SMTP_CATCHER_PORT: String(await freePort()),
    TEMPORAL_CLI_PATH: inject('temporalCliPath'),
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    SMTP_URL: '',
    NODE_ENV: '',
    LOG_LEVEL: '',
    LOG_FORMAT: '',
  };
});
afterAll(async () => {
  await platform?.stop('SIGKILL');
  await browser?.close();
  // The folder holds a whole PostgreSQL cluster, whose server may still be writing its shutdown
  // checkpoint (its watchdog stops it when the killed process is gone): retries ride that out.
  if (env?.DATA_DIR) await rm(env.DATA_DIR, { recursive: true, force: true, maxRetries: 20 });
});

async function start(): Promise<string> {
  platform = startScript('scripts/start.ts', env);
  const [, url] = await platform.waitFor(/Demo portal\s+(http:\/\/\S+)\//, 240_000);
  return url!;
}

async function api<T>(
  url: string,
  token: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
  return { status: res.status, body: (await res.json()) as T };
}

it('npm start serves the demo portal whose building card shows real registry data, and survives a restart', async () => {
  const base = await start();

  // The resident persona in the portal: the card renders the building the API returns.
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(`${base}/?persona=resident&lang=en`);
  const title = page.locator('mu-building-card [part~="title"]');
  await title.waitFor({ timeout: 30_000 });

  const personas = (await (await fetch(`${base}/dev/personas`)).json()) as {
    key: string;
    buildingId?: string;
  }[];
  const buildingId = personas.find((p) => p.key === 'resident')!.buildingId!;
  const { token } = (await (
    await fetch(`${base}/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: 'resident' }),
    })
  ).json()) as { token: string };
  const { body: building } = await api<BuildingView>(`${base}/api/v1/buildings/${buildingId}`, token);
  expect(await textOf(title)).toBe(building.address);
  const card = await textOf(page.locator('mu-building-card [part~="card"]'));
  expect(card).toContain(building.cadastralNumber);
  expect(card).toContain(String(building.yearBuilt));
  expect(consoleErrors).toEqual([]);

  // What a person sees in the terminal: readable lines (no JSON, no other tool's raw warning),
  // then the banner, and the portal's requests after it are not printed at the default level.
  const output = platform!.output();
  const banner = output.indexOf('  Mening Uyim is ready in');
  expect(banner).toBeGreaterThan(0);
  const before = output
    .slice(0, banner)
    .split('\n')
    .filter((l) => l.trim() !== '');
  for (const line of before) expect(line).toMatch(/^\d{2}:\d{2}:\d{2} (TRACE|DEBUG|INFO |WARN |ERROR|FATAL)/);
  expect(before.some((l) => l.includes('INFO  [start] embedded PostgreSQL'))).toBe(true);
  // The demo runs on demo terms, and says so (scripts/lib/demo-terms.ts).
  expect(output.slice(banner)).toMatch(/ {2}Demo terms {7}lots: applications 3 min, vote 3 min/);
  const afterBanner = output.slice(banner).split('\n').slice(8);
  expect(afterBanner.filter((l) => / INFO {2}|"level":/.test(l))).toEqual([]);

  // The demo's general meetings run as workflows: one is open for the resident to vote.
  let phases: string[] = [];
  const settled = () => phases.includes('voting') && phases.includes('discussion');
  for (let i = 0; i < 120 && !settled(); i++) {
    const { body } = await api<{ items: { phase: string }[] }>(
      `${base}/api/v1/meetings?buildingId=${buildingId}`,
      token,
    );
    phases = body.items.map((m) => m.phase);
    if (!settled()) await new Promise((r) => setTimeout(r, 500));
  }
  expect(phases).toContain('voting');
  expect(phases).toContain('discussion');

  // The demo contract awaits the representative's signature: the resident persona is asked.
  const contract = await api<{
    state: string;
    mySigningParty: string | null;
    timeline: { actorName: string | null }[];
  }>(`${base}/api/v1/contracts/${DEMO_CONTRACT_ID}`, token);
  expect(contract.body).toMatchObject({ state: 'awaiting_signatures', mySigningParty: 'owners' });
  // Its timeline names the council officer who drew it up, not the demo switcher's Uzbek label.
  expect(contract.body.timeline[0]?.actorName).toBe('Yusupova Malika Akmal qizi');

  // The demo appeals are the resident's own: one fresh, one answered and awaiting acceptance.
  const appeals = await api<{ items: { id: string; status: string }[] }>(
    `${base}/api/v1/appeals?mine=1`,
    token,
  );
  const statusOf = (id: string) => appeals.body.items.find((a) => a.id === id)?.status;
  expect(DEMO_APPEALS.map((a) => statusOf(a.id))).toEqual(['registered', 'answered']);

  // A workflow through the API, the worker and the embedded services.
  const { token: staff } = (await (
    await fetch(`${base}/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: 'council' }),
    })
  ).json()) as { token: string };
  const started = await api<{ workflowId: string }>(
    `${base}/api/v1/buildings/${buildingId}/registry-sync`,
    staff,
    {
      method: 'POST',
      headers: { 'Idempotency-Key': 'e2e-sync-1' },
    },
  );
  expect(started.status).toBe(202);
  let checks: { ok: boolean; workflowId: string }[] = [];
  for (let i = 0; i < 100 && checks.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 300));
    checks = (await api<typeof checks>(`${base}/api/v1/buildings/${buildingId}/registry-checks`, staff)).body;
  }
  expect(checks[0]?.workflowId).toBe(started.body.workflowId);

  // Graceful stop, then a second start on the same data folder: rows and workflow history kept.
  expect(await platform!.stop('SIGTERM')).toBe(0);
  const again = await start();
  const after = await api<BuildingView>(`${again}/api/v1/buildings/${buildingId}`, token);
  expect(after.body.address).toBe(building.address);
  const kept = await api<typeof checks>(`${again}/api/v1/buildings/${buildingId}/registry-checks`, staff);
  expect(kept.body.map((c) => c.workflowId)).toContain(started.body.workflowId);
  const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_DEV_PORT}` });
  try {
    // The sync may have been stopped before its last step (the mail): the restarted worker
    // finishes it from the kept history.
    const status = async () =>
      (
        await connection.workflowService.describeWorkflowExecution({
          namespace: 'default',
          execution: { workflowId: started.body.workflowId },
        })
      ).workflowExecutionInfo?.status;
    let last = await status();
    for (let i = 0; i < 120 && last === 1; i++) {
      await new Promise((r) => setTimeout(r, 500));
      last = await status();
    }
    expect(last).toBe(2); // COMPLETED
  } finally {
    await connection.close();
  }
}, 600_000);
