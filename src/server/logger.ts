import { pino, type Logger } from 'pino';

export type { Logger };

/** The one logger: JSON lines on stdout (pino). Secrets never reach it: see `redact`. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'sales-machine' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        '*.password',
        '*.apiKey',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
