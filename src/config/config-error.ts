/**
 * The one error `config/` throws. It carries the four facts a user needs to fix the problem (which
 * file, which key, what was there, what would be accepted) as fields, so callers can log them
 * structurally, and as one message line, so a plain `diag.error(err.message)` is already useful.
 */

export interface ConfigErrorDetails {
  /** The configuration file's path, or `environment` for environment variables. */
  readonly file: string;
  /** Dotted key path such as `observability.tracing.sampling.rate`, a variable name, or `(file)`. */
  readonly keyPath: string;
  /** The offending value, rendered for humans (`1.5`, `"sometimes"`, `unknown key "colour"`). */
  readonly found: string;
  /** What would have been accepted at that place. */
  readonly allowed: string;
  /** How many further problems were found and not described; only the first is reported. */
  readonly moreIssues?: number;
}

export class ConfigError extends Error {
  readonly file: string;
  readonly keyPath: string;
  readonly found: string;
  readonly allowed: string;
  readonly moreIssues: number;

  constructor(details: ConfigErrorDetails) {
    const moreIssues = details.moreIssues ?? 0;
    super(
      `llm-otel: invalid configuration in ${details.file}: ${details.keyPath}: ` +
        `found ${details.found}; allowed: ${details.allowed}${describeMoreIssues(moreIssues)}`,
    );
    this.name = 'ConfigError';
    this.file = details.file;
    this.keyPath = details.keyPath;
    this.found = details.found;
    this.allowed = details.allowed;
    this.moreIssues = moreIssues;
  }
}

function describeMoreIssues(count: number): string {
  if (count <= 0) return '';
  return ` (and ${count} more ${count === 1 ? 'issue' : 'issues'})`;
}
