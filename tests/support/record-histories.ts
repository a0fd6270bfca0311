// Shared by the scripts that record workflow histories for the replay tests: which scenarios to
// run (named on the command line, so fixtures of earlier workflow versions are never rewritten
// by accident) and how each recorded history is written.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { until } from './api-client.ts';
import { historyToJson } from './history-json.ts';

export function selectScenarios<T>(scenarios: Record<string, T>, wanted: string[]): T[] {
  const unknown = wanted.filter((name) => !(name in scenarios));
  if (unknown.length)
    throw new Error(`unknown scenarios: ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  return wanted.length ? wanted.map((name) => scenarios[name]!) : Object.values(scenarios);
}

export async function writeHistories(outDir: string, recorded: Record<string, History>[]): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const histories of recorded) {
    for (const [name, history] of Object.entries(histories)) {
      const file = path.join(outDir, `${name}.json`);
      await writeFile(file, historyToJson(history));
      console.log(`recorded ${path.relative(process.cwd(), file)} (${history.events?.length} events)`);
    }
  }
}

/**
 * The history once nothing is in flight (no workflow task, no activity pending), so a recording
 * never ends on a half-made step that replay would see differently.
 */
export async function idleHistory(handle: WorkflowHandle): Promise<History> {
  await until(
    `${handle.workflowId} idle`,
    async () => {
      const d = await handle.describe();
      return !d.raw.pendingWorkflowTask && !d.raw.pendingActivities?.length ? true : undefined;
    },
    30_000,
  );
  return handle.fetchHistory();
}
