// Structured JSON logs (pino) for every process; a request's logs carry its request id.
import { pino } from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

export function createLogger(config: Pick<Config, 'logLevel'>, name = 'mening-uyim'): Logger {
  return pino({
    name,
    level: config.logLevel,
    redact: ['req.headers.authorization', '*.token', '*.password'],
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
