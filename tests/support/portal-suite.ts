// One browser-test file's world, registered as vitest hooks: the widget bundle, optionally a
// database of the file's own seeded like the demo, the app under test listening on a free port,
// Chromium, and a fresh watched page per test on a 360 px phone screen. Torn down in reverse, each
// part only if it started, so a failed start reports its own error rather than a teardown's.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { loadConfig } from '../../platform/config.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import type { TestApp } from './app.ts';
import { launchBrowser, newWatchedPage } from './browser.ts';
import { createTestDatabase, type TestDatabase, withOrm } from './database.ts';

type Start<E> =
  | {
      /** The file's own database (its name), seeded like the demo; `start` builds the app on it. */
      database: string;
      start: (databaseUrl: string) => Promise<E>;
    }
  | { database?: undefined; start: () => Promise<E> };

export type PortalSuiteOptions<E> = Start<E> & {
  /** The app `env` serves over HTTP. */
  app: (env: E) => TestApp;
  /** Stops `env`; closing its app when omitted. */
  stop?: (env: E) => Promise<void>;
};

export interface PortalSuite<E> {
  readonly env: E;
  /** Only when the suite was given a `database`. */
  readonly db: TestDatabase;
  readonly url: string;
  readonly page: Page;
  /** What the browser reported as errors on this test's page. */
  readonly errors: string[];
}

export function portalSuite<E>(options: PortalSuiteOptions<E>): PortalSuite<E> {
  let db: TestDatabase | undefined;
  let env: E | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    await ensureWidgetBundle(() => undefined);
    if (options.database === undefined) {
      env = await options.start();
    } else {
      const created = await createTestDatabase(inject('postgres'), options.database);
      db = created;
      await withOrm(created.url, (orm) => seedDemo(orm, loadConfig({}).demo));
      env = await options.start(created.url);
    }
    server = await listen(options.app(env).app, '127.0.0.1', 0);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (env !== undefined) await (options.stop ? options.stop(env) : options.app(env).close());
    await db?.drop();
  });

  beforeEach(async () => {
    ({ context, page, errors } = await newWatchedPage(started(browser, 'browser'), {
      viewport: { width: 360, height: 800 },
      timeout: 10_000,
    }));
  });

  afterEach(async () => {
    await context?.close();
  });

  return {
    get env() {
      return started(env, 'env');
    },
    get db() {
      return started(db, 'db');
    },
    get url() {
      return started(server, 'server').url;
    },
    get page() {
      return started(page, 'page');
    },
    get errors() {
      return errors;
    },
  };
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`portalSuite: ${what} is not started (read it inside a test)`);
  return value;
}
