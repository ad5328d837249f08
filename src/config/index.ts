export { ConfigError } from './config-error.js';
export { loadTracingConfig } from './load-config.js';
export type { TracingConfig } from './types.js';
