// One real Temporal dev server per test run, on a free port with an in-memory store. It runs the
// same CLI binary `npm start` uses (platform/temporal.ts); only with no binary and no Go does it
// fall back to the SDK's own download, which needs internet access.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../platform/config.ts';
import { resolveTemporalCli } from '../../platform/temporal.ts';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes.ts';

export interface TestTemporal {
  address: string;
  /** The binary that runs the server; empty when the SDK downloaded its own. */
  cliPath: string;
  namespace: string;
  stop(): Promise<void>;
}

export async function startTestTemporal(): Promise<TestTemporal> {
  const config = loadConfig({ TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH });
  const cliPath = await resolveTemporalCli(config);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      executable: cliPath ? { type: 'existing-path', path: cliPath } : undefined,
      searchAttributes: [...SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'warn' },
    },
  });
  return {
    address: env.address,
    cliPath: cliPath ?? '',
    namespace: env.namespace ?? 'default',
    stop: () => env.teardown(),
  };
}
