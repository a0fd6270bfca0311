// The import rules of ARCHITECTURE.md hold for the whole repository, and the check that says so
// does fail on a forbidden import: each rule is fed one it must refuse and one it must allow.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkRepository,
  checkSource,
  EXCEPTIONS,
  formatViolation,
  importsOf,
  sourceFiles,
} from '../../scripts/lib/import-rules.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The formatted violations of one synthetic file. */
const check = (file: string, source: string) => checkSource(file, source).map(formatViolation);

describe('the repository', () => {
  it('breaks no import rule', () => {
    // The list is the report: each entry reads `file:line imports X: rule`.
    expect(checkRepository(root).map(formatViolation)).toEqual([]);
  });

  it('keeps no stale exception, and each says why', () => {
    for (const e of EXCEPTIONS) {
      expect(e.reason.length, `${e.from} → ${e.imports}`).toBeGreaterThan(20);
      const imports = importsOf(e.from, readFileSync(path.join(root, e.from), 'utf8'));
      expect(
        imports.some((i) => i.target === e.imports),
        `${e.from} no longer imports ${e.imports}`,
      ).toBe(true);
    }
  });

  it('checks the sources of every layer, and not installed packages or recorded histories', () => {
    const files = sourceFiles(root);
    for (const f of [
      'domain/common/rule-error.ts',
      'widgets/demo/portal.js',
      'scripts/test.ts',
      'api/app.ts',
    ])
      expect(files).toContain(f);
    expect(files.some((f) => f.startsWith('node_modules/') || f.includes('/fixtures/'))).toBe(false);
  });
});

describe('the check refuses', () => {
  it('widgets importing db, naming the file, the line and the rule', () => {
    expect(
      check(
        'widgets/meetings/ballot.ts',
        "import { html } from 'lit';\nimport { tally } from '../../db/meetings/ballots.ts';\n",
      ),
    ).toEqual([
      'widgets/meetings/ballot.ts:2 imports ../../db/meetings/ballots.ts: widgets/ may import only widgets, domain',
    ]);
  });

  it('a dynamic import() and an export … from, but not an import in a comment or a string', () => {
    const source = [
      '// import { orm } from "../../db/orm.ts";',
      'const text = "import(\'../../db/orm.ts\')";',
      "export { Meeting } from '../../db/meetings/entities.ts';",
      "const lazy = () => import('../../db/orm.ts');",
    ].join('\n');
    expect(check('widgets/meetings/lazy.ts', source)).toEqual([
      'widgets/meetings/lazy.ts:3 imports ../../db/meetings/entities.ts: widgets/ may import only widgets, domain',
      'widgets/meetings/lazy.ts:4 imports ../../db/orm.ts: widgets/ may import only widgets, domain',
    ]);
  });

  it('domain importing anything outside domain: other layers, Node built-ins, unlisted packages', () => {
    const source = [
      "import { readFile } from 'node:fs/promises';",
      "import { z } from 'zod';",
      "import type { Config } from '../../platform/config.ts';",
      "import { LANGUAGES } from '../common/language.ts';",
    ].join('\n');
    expect(check('domain/meetings/rules.ts', source)).toEqual([
      'domain/meetings/rules.ts:1 imports node:fs/promises: domain/ may not use Node built-ins',
      'domain/meetings/rules.ts:2 imports zod: domain/ may use only the npm packages listed for it (none)',
      'domain/meetings/rules.ts:3 imports ../../platform/config.ts: domain/ may import only domain',
    ]);
    // A test beside the rules may use the runner and known-answer helpers, nothing else.
    expect(
      check('domain/meetings/rules.test.ts', "import { it } from 'vitest';\nimport pg from 'pg';\n"),
    ).toEqual([
      'domain/meetings/rules.test.ts:2 imports pg: domain/ may use only the npm packages listed for it (none)',
    ]);
  });

  it('activities importing workflow code other than contract files', () => {
    const source = [
      "import { generalMeeting } from '../../workflows/meetings/meeting.ts';",
      "import { MEETING_FAILURES } from '../../workflows/meetings/contract.ts';",
      "import { MAIL_REJECTED } from '../../workflows/common/contract.ts';",
      "import { unwrapped } from '../../workflows/common/failures.ts';",
    ].join('\n');
    expect(check('activities/meetings/close.ts', source)).toEqual([
      'activities/meetings/close.ts:1 imports ../../workflows/meetings/meeting.ts: activities/ may import workflows/ only through contract files (workflows/<capability>/contract.ts, workflows/common/contract.ts)',
      'activities/meetings/close.ts:4 imports ../../workflows/common/failures.ts: activities/ may import workflows/ only through contract files (workflows/<capability>/contract.ts, workflows/common/contract.ts)',
    ]);
  });

  it('workflows importing activities, db or platform at run time (types of activities and task queues pass)', () => {
    const source = [
      "import type { AppealActivities } from '../../activities/appeals/index.ts';",
      "import { createAppealActivities } from '../../activities/appeals/index.ts';",
      "import { Appeal } from '../../db/appeals/entities.ts';",
      "import type { TASK_QUEUES } from '../../platform/config.ts';",
      "import { loadConfig } from '../../platform/config.ts';",
      "import { proxyActivities } from '@temporalio/workflow';",
      "import { Client } from '@temporalio/client';",
    ].join('\n');
    expect(check('workflows/appeals/appeal.ts', source)).toEqual([
      'workflows/appeals/appeal.ts:2 imports ../../activities/appeals/index.ts: workflows/ may import activities/appeals/index.ts only with `import type`',
      'workflows/appeals/appeal.ts:3 imports ../../db/appeals/entities.ts: workflows/ may import only workflows, domain',
      'workflows/appeals/appeal.ts:5 imports ../../platform/config.ts: workflows/ may import platform/config.ts only with `import type`',
      'workflows/appeals/appeal.ts:7 imports @temporalio/client: workflows/ may use only the npm packages listed for it (@temporalio/workflow, @temporalio/common)',
    ]);
  });

  it('platform importing activities or db', () => {
    const source = [
      "import { sendMailOnce } from '../activities/mail/send-mail.ts';",
      "import type { Orm } from '../db/orm.ts';",
      "import type { WorkflowContract } from '../workflows/common/contract.ts';",
    ].join('\n');
    expect(check('platform/mailer.ts', source)).toEqual([
      'platform/mailer.ts:1 imports ../activities/mail/send-mail.ts: platform/ may import only platform, domain, workflow contracts',
      'platform/mailer.ts:2 imports ../db/orm.ts: platform/ may import only platform, domain, workflow contracts',
    ]);
  });

  it("one capability reaching into another's internals, but not its public surface", () => {
    const source = [
      "import { flagContractsOf } from '../../db/contracts/tax.ts';",
      "import { flagContractsOf as flag } from '../../db/contracts/public.ts';",
      "import { Building } from '../../db/registry/entities.ts';",
      "import { getBuilding } from '../../db/registry/repository.ts';",
      "import { systemRemoveSignal } from '../../workflows/register/contract.ts';",
      "import type { RemovalReason } from '../../domain/register/status.ts';",
    ].join('\n');
    const rule = (cap: string) =>
      `capability register may reach ${cap} only through its public surface (workflow contract, public.ts, registry base)`;
    expect(check('activities/register/removal.ts', source)).toEqual([
      `activities/register/removal.ts:1 imports ../../db/contracts/tax.ts: ${rule('contracts')}`,
      `activities/register/removal.ts:4 imports ../../db/registry/repository.ts: ${rule('registry')}`,
    ]);
    // A new capability needs no listing to be held to this: any folder not named shared is one.
    expect(check('db/lots/lots.ts', "import { castBallot } from '../meetings/ballots.ts';")).toEqual([
      'db/lots/lots.ts:1 imports ../meetings/ballots.ts: capability lots may reach meetings only through its public surface (workflow contract, public.ts, registry base)',
    ]);
  });

  it('shared homes importing any capability', () => {
    expect(check('widgets/core/loader.ts', "import { MeetingView } from '../meetings/client.ts';")).toEqual([
      'widgets/core/loader.ts:1 imports ../meetings/client.ts: shared code (widgets/core) may not import a capability (meetings)',
    ]);
  });
});

describe('the check over a repository', () => {
  it('finds a forbidden import in a file it was never told about', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'import-rules-'));
    try {
      mkdirSync(path.join(dir, 'widgets/lots'), { recursive: true });
      mkdirSync(path.join(dir, 'node_modules/x'), { recursive: true });
      writeFileSync(
        path.join(dir, 'widgets/lots/lot.ts'),
        "import { Lot } from '../../db/lots/entities.ts';\n",
      );
      // Installed packages are not ours to check.
      writeFileSync(path.join(dir, 'node_modules/x/index.js'), "import '../../db/orm.ts';\n");
      expect(checkRepository(dir).map(formatViolation)).toEqual([
        'widgets/lots/lot.ts:1 imports ../../db/lots/entities.ts: widgets/ may import only widgets, domain',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
