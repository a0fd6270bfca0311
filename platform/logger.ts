// Structured logs (pino) for every process; a request's logs carry its request id. JSON for
// collectors, or one readable line per entry for a person in development (LOG_FORMAT).
import { pino } from 'pino';
import type { Config } from './config.ts';
import { prettyDestination } from './log-format.ts';

export type Logger = pino.Logger;

export function createLogger(
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>,
  name = 'mening-uyim',
  /** Where pretty lines go; stdout unless a test reads them. */
  out?: NodeJS.WritableStream & { isTTY?: boolean },
): Logger {
  const options: pino.LoggerOptions = {
    name,
    level: config.logLevel,
    redact: ['req.headers.authorization', '*.token', '*.password'],
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (config.logFormat === 'pretty') return pino(options, prettyDestination(out));
  return out ? pino(options, out) : pino(options);
}
