// Replays recorded workflow histories (JSON fixtures, as scripts/record-*history.ts write them)
// against today's workflow bundle. Each capability's replay test picks its fixtures and states
// what it expects; this only loads and replays them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJson } from './history-json.ts';
import { quietSdkLogs } from './sdk-logs.ts';
import { workflowBundle } from './workflow-bundle.ts';

export interface ReplayResult {
  file: string;
  /** The replay error as text; undefined when the history replayed cleanly. */
  error: string | undefined;
}

/** Replays `files` (names in `dir`) in order; one result per file, in the order replayed. */
export async function replayFixtures(
  dir: string,
  files: string[],
  replayName: string,
): Promise<ReplayResult[]> {
  quietSdkLogs();
  const histories = await Promise.all(
    files.map(async (file) => ({
      workflowId: file,
      history: historyFromJson(JSON.parse(await readFile(path.join(dir, file), 'utf8'))),
    })),
  );
  const results: ReplayResult[] = [];
  for await (const r of Worker.runReplayHistories(
    { workflowBundle: await workflowBundle(), replayName },
    histories,
  )) {
    results.push({ file: r.workflowId, error: r.error ? String(r.error) : undefined });
  }
  return results;
}
