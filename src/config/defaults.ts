/**
 * The one default of each setting that more than one room applies: the YAML schema, the
 * instrumentation built by an app's own SDK, and the manual API all start from these.
 */

/** Cap for each captured content attribute, in UTF-8 bytes (`max_content_bytes`). */
export const DEFAULT_MAX_CONTENT_BYTES = 16 * 1024;
