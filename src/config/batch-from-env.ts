/**
 * OTEL_BSP_*: the BatchSpanProcessor of the OpenTelemetry SDK 3.x no longer reads them itself (the
 * NodeSDK does, in create-from-env), so they are read here with the same meaning. A value that is
 * not a positive number is refused with the variable's name, where the NodeSDK would warn and
 * fall back.
 */
import { DEFAULT_BATCH_DELAY_MS } from './defaults.js';
import type { EnvVariableName } from './env-variables.js';
import { readEnvNumber } from './read-env.js';
import type { BatchConfig } from './types.js';

const POSITIVE = 'a positive whole number';

function positive(env: NodeJS.ProcessEnv, name: EnvVariableName): number | undefined {
  return readEnvNumber(env, name, POSITIVE, (value) => Number.isInteger(value) && value > 0);
}

export function batchFromEnv(env: NodeJS.ProcessEnv): BatchConfig {
  const exportTimeoutMs = positive(env, 'OTEL_BSP_EXPORT_TIMEOUT');
  const maxQueueSize = positive(env, 'OTEL_BSP_MAX_QUEUE_SIZE');
  const maxExportBatchSize = positive(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE');
  return {
    scheduledDelayMs: positive(env, 'OTEL_BSP_SCHEDULE_DELAY') ?? DEFAULT_BATCH_DELAY_MS,
    ...(exportTimeoutMs !== undefined && { exportTimeoutMs }),
    ...(maxQueueSize !== undefined && { maxQueueSize }),
    ...(maxExportBatchSize !== undefined && { maxExportBatchSize }),
  };
}
