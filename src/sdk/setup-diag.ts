import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { diagLogLevelFromString, getStringFromEnv } from '@opentelemetry/core';
import { oncePerKind } from './once-per-kind-logger.js';

/**
 * Our diagnostics go to stderr at OTEL_LOG_LEVEL (default: warnings and errors only), each warning
 * or error once per kind.
 */
export function setupDiag(): void {
  const level = diagLogLevelFromString(getStringFromEnv('OTEL_LOG_LEVEL')) ?? DiagLogLevel.WARN;
  diag.setLogger(oncePerKind(new DiagConsoleLogger()), { logLevel: level, suppressOverrideMessage: true });
}
