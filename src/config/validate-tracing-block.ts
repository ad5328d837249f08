import { configErrorFromIssues } from './config-error-from-issues.js';
import type { RawTracingBlock } from './read-tracing-block.js';
import { TRACING_BLOCK_PATH } from './read-tracing-block.js';
import { tracingBlockSchema, type TracingBlock } from './schema.js';

/**
 * The file's block checked against the schema, with its defaults filled in.
 * @throws {ConfigError} naming the file, the key, what was found and what is allowed.
 */
export function validateTracingBlock({ source, block }: RawTracingBlock): TracingBlock {
  const parsed = tracingBlockSchema.safeParse(block);
  if (!parsed.success) throw configErrorFromIssues(parsed.error.issues, source, TRACING_BLOCK_PATH, block);
  return parsed.data;
}
