import { diag } from '@opentelemetry/api';

const reported = new Set<string>();

/**
 * Logs an instrumentation failure once per kind. Our hooks run on every request; a bug in one must
 * neither reach the app nor flood its logs.
 */
export function reportOnce(kind: string, error: unknown): void {
  if (reported.has(kind)) return;
  reported.add(kind);
  diag.error(`llm-otel: ${kind} failed; further errors of this kind are not logged`, error);
}

/** Runs `fn`, reporting and swallowing anything it throws. */
export function guarded<T>(kind: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    reportOnce(kind, error);
    return undefined;
  }
}
