// The development log format: pino writes one JSON object a line, which a collector wants and a
// person at a terminal cannot read. This turns each line into "time LEVEL name message key=value",
// with an error's stack below it; production keeps the JSON (LOG_FORMAT, platform/config.ts).

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const COLORS: Record<number, string> = { 10: '90', 20: '90', 30: '36', 40: '33', 50: '31', 60: '35' };
/** pino's own fields, shown in the line's head instead of as key=value. */
const HEAD = new Set(['level', 'time', 'name', 'msg', 'pid', 'hostname', 'err']);

/** `12:04:05` of an ISO time or epoch milliseconds; the date is the same all session long. */
function clock(time: unknown): string {
  const d = new Date(typeof time === 'number' || typeof time === 'string' ? time : Date.now());
  return Number.isNaN(d.getTime()) ? String(time) : d.toTimeString().slice(0, 8);
}

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

/** One pino JSON line as a person reads it; a line that is not pino's JSON passes unchanged. */
export function prettyLine(line: string, color = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || typeof entry.level !== 'number') return line;
  const level = entry.level;
  const label = (LEVELS[level] ?? String(level)).padEnd(5);
  const paint = (s: string) => (color ? `\x1b[${COLORS[level] ?? '0'}m${s}\x1b[0m` : s);
  const fields = Object.entries(entry)
    .filter(([k]) => !HEAD.has(k))
    .map(([k, v]) => `${k}=${value(v)}`);
  const head = [clock(entry.time), paint(label), entry.name ? `[${String(entry.name)}]` : '']
    .filter(Boolean)
    .join(' ');
  const message = typeof entry.msg === 'string' ? entry.msg : '';
  const text = [head, message, ...fields].filter(Boolean).join(' ');
  const err = entry.err as { stack?: unknown; message?: unknown } | undefined;
  const stack = err && (typeof err.stack === 'string' ? err.stack : String(err.message ?? ''));
  return stack ? `${text}\n${stack.replace(/^/gm, '    ')}` : text;
}

/** A pino destination that writes each entry pretty to `out` (stdout by default). */
export function prettyDestination(out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): {
  write(chunk: string): boolean;
} {
  const color = Boolean(out.isTTY);
  return {
    write(chunk: string) {
      const lines = chunk.split('\n').filter((l) => l !== '');
      return out.write(`${lines.map((l) => prettyLine(l, color)).join('\n')}\n`);
    },
  };
}
