// The documents stay true to the code: the README's diagram shows every workflow and task queue,
// source comments cite only the repository's own documents, and every docs/ page they cite exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TASK_QUEUES } from '../../platform/config.ts';
import { sourceFiles } from '../../scripts/lib/import-rules.ts';
import type { WorkflowContract } from '../../workflows/common/contract.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const isContract = (v: unknown): v is WorkflowContract =>
  typeof v === 'object' && v !== null && 'name' in v && 'queue' in v && 'failures' in v;

async function workflowContracts(): Promise<WorkflowContract[]> {
  const folders = readdirSync(path.join(root, 'workflows'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, 'workflows', d.name, 'contract.ts')))
    .map((d) => d.name);
  const modules = await Promise.all(
    folders.map(
      (f) => import(path.join(root, 'workflows', f, 'contract.ts')) as Promise<Record<string, unknown>>,
    ),
  );
  return modules.flatMap((m) => Object.values(m).filter(isContract));
}

describe("the README's diagram", () => {
  it('shows every workflow on its task queue, and every queue', async () => {
    const readme = read('README.md');
    const diagram = readme.slice(readme.indexOf('```mermaid\nflowchart'));
    const contracts = await workflowContracts();
    expect(contracts.map((c) => c.name).sort()).toEqual([
      'appealLifecycle',
      'billingAccrual',
      'billingDaily',
      'billingMonth',
      'commissioningApplication',
      'contractLifecycle',
      'dispatchMassIncident',
      'dispatchRequestLifecycle',
      'generalMeeting',
      'lotApproval',
      'lotChoice',
      'registerReview',
      'reportQuarter',
      'reportsQuarterStart',
      'syncBuildingRegistry',
    ]);
    for (const queue of Object.values(TASK_QUEUES)) expect(diagram, queue).toContain(`["queue ${queue}"]`);
    for (const c of contracts) {
      // The workflow's node sits inside its queue's subgraph.
      const block = diagram.slice(diagram.indexOf(`["queue ${TASK_QUEUES[c.queue]}"]`));
      expect(block.slice(0, block.indexOf('end')), c.name).toContain(`["${c.name}"]`);
    }
  });
});

describe('source comments', () => {
  const texts = () =>
    [...sourceFiles(root), 'README.md', 'ARCHITECTURE.md', 'widgets/README.md'].map((file) => ({
      file,
      text: read(file),
    }));

  it('cite nothing outside the repository: no shared documents, no issue numbers', () => {
    // Built from parts so that this file does not cite them itself.
    const outside = new RegExp(
      [
        ['DOMAIN', 'md'].join('\\.'),
        ['ENGINEERING', 'md'].join('\\.'),
        ['seed', 'txt'].join('\\.'),
        '\\.\\./shared/',
        '[Ii]ssue #\\d',
        '\\(#\\d+\\)',
        'CONTRACT [A-Z]\\b',
      ].join('|'),
    );
    const hits = texts().flatMap(({ file, text }) =>
      text.split('\n').flatMap((line, i) => (outside.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('cite docs/ pages that exist', () => {
    const missing = texts().flatMap(({ file, text }) =>
      [...text.matchAll(/docs\/[\w/-]+\.md/g)]
        .map((m) => m[0])
        .filter((doc) => !existsSync(path.join(root, doc)))
        .map((doc) => `${file} cites ${doc}`),
    );
    expect(missing).toEqual([]);
  });
});
