import { diag, DiagConsoleLogger } from '@opentelemetry/api';
import { logLevelFromEnv } from '../config/settings-from-env.js';
import { oncePerKind } from './once-per-kind-logger.js';

/**
 * Our diagnostics go to stderr at OTEL_LOG_LEVEL (default: warnings and errors only), each warning
 * or error once per kind.
 */
export function setupDiag(): void {
  diag.setLogger(oncePerKind(new DiagConsoleLogger()), { logLevel: logLevelFromEnv(), suppressOverrideMessage: true });
}
