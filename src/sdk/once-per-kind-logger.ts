import type { DiagLogFunction, DiagLogger } from '@opentelemetry/api';

/** Distinct warnings and errors remembered; past this, new kinds are dropped rather than grow memory. */
const MAX_KINDS = 256;

/**
 * Passes each warning and error through once per kind. While a collector is down the SDK repeats
 * the same warning for every export cycle (`Dropped 310 spans because maxQueueSize reached`), which
 * would fill the app's log for as long as the outage lasts. The kind is the message with its
 * numbers blanked. Info, debug and verbose records (asked for with OTEL_LOG_LEVEL) pass unchanged.
 */
export function oncePerKind(logger: DiagLogger): DiagLogger {
  const seen = new Set<string>();
  const once = (level: 'warn' | 'error'): DiagLogFunction => (message, ...args) => {
    // Component loggers pass their namespace as the message and the text as the first argument.
    const words = [message, ...args.filter((arg) => typeof arg === 'string')].join(' ');
    const kind = `${level} ${words.replace(/\d+/g, '#')}`;
    if (seen.has(kind) || seen.size >= MAX_KINDS) return;
    seen.add(kind);
    logger[level](message, ...args);
  };
  return {
    error: once('error'),
    warn: once('warn'),
    info: (message, ...args) => logger.info(message, ...args),
    debug: (message, ...args) => logger.debug(message, ...args),
    verbose: (message, ...args) => logger.verbose(message, ...args),
  };
}
