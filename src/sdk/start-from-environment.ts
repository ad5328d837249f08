import { diag } from '@opentelemetry/api';
import { loadTracingConfigAtStart } from '../config/load-config-at-start.js';
import { ConfigError } from '../config/config-error.js';
import { flushOnExit } from './exit-flush.js';
import { NOOP_TRACING, startTracing, type TracingHandle } from './start-tracing.js';

let current: TracingHandle | undefined;

/**
 * Loads the configuration (YAML + environment) and starts tracing. Never throws: a bad config or
 * a failed start is logged once and the app runs on untraced.
 */
export async function startFromEnvironment(): Promise<TracingHandle> {
  if (current) return current;
  try {
    const config = await loadTracingConfigAtStart();
    current = startTracing(config);
    if (current.enabled) flushOnExit(current, config.exitBudgetMs);
  } catch (error) {
    diag.error(
      error instanceof ConfigError
        ? `${error.message}. Tracing is off; the app runs untraced.`
        : `llm-otel: could not start tracing; the app runs untraced: ${String((error as Error)?.stack ?? error)}`,
    );
    current = NOOP_TRACING;
  }
  return current;
}

/** The handle register started, if any (the manual API and metrics use it). */
export function currentTracing(): TracingHandle | undefined {
  return current;
}
