export { loadRouterConfig, ROUTER_SERVICE_NAME } from './config/load-router-config.js';
export type { LoadRouterConfigOptions } from './config/load-router-config.js';
export type { RouterConfig } from './config/router-config.js';
export { startRouter, DEFAULT_ROUTER_HOST, DEFAULT_ROUTER_PORT } from './start-router.js';
export type { RunningRouter, StartRouterOptions } from './start-router.js';
