// Finds Debian's Chromium for the browser tests and installs it when the machine allows, so
// `npm test` needs no manual step. Never downloads a browser build from anywhere else.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function onPath(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p)) ?? onPath('chromium');
}

export function ensureChromium(log: (msg: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (!onPath('apt-get')) {
    throw new Error(
      'Chromium not found: install it (e.g. your distribution\'s "chromium" package) or set CHROMIUM_PATH',
    );
  }
  const sudo = isRoot ? [] : ['sudo', '-n'];
  log('Chromium not found: installing Debian\'s "chromium" package (once)…');
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...sudo, ...args];
    execFileSync(cmd!, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium but no binary was found; set CHROMIUM_PATH');
  return installed;
}
