/** Kept in step with package.json by test/unit/version.test.ts. */
export const PACKAGE_NAME = 'llm-otel';
export const PACKAGE_VERSION = '0.1.0';
