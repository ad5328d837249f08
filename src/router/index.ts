export { loadRouterConfig } from './config/load-router-config.js';
export { startRouter } from './start-router.js';
