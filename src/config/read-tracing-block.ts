/**
 * Finds the configuration file, parses it as YAML and takes out the raw `observability.tracing`
 * value. The rest of the file is not ours (the router's own settings live next to the block): a
 * small file must be valid YAML as a whole, a large one is cut down to the block before parsing.
 */
import { isAbsolute, resolve } from 'node:path';

import { createRequire } from 'node:module';
import type { Document } from 'yaml';

import { ConfigError } from './config-error.js';
import type { EnvVariableName } from './env-variables.js';
import { readEnvString } from './read-env.js';
import { MAX_CONFIG_FILE_BYTES, readRegularFile, type UnreadableReason } from './read-regular-file.js';
import { renderFoundValue } from './render-found-value.js';
import { tracingSectionText } from './tracing-section-text.js';

const CONFIG_PATH_VARIABLE = 'LLM_OTEL_CONFIG' satisfies EnvVariableName;
const DEFAULT_CONFIG_FILE_NAME = 'llm-otel.yaml';
/** Where the block lives in the file; also the prefix of every key path in a ConfigError. */
export const TRACING_BLOCK_PATH = ['observability', 'tracing'] as const;

export interface RawTracingBlock {
  /** Absolute path of the file read, or `defaults` when there was none. */
  readonly source: string;
  /** The block as YAML gave it: undefined when absent, otherwise unvalidated. */
  readonly block: unknown;
}

export function readTracingBlock(env: NodeJS.ProcessEnv, cwd: string): RawTracingBlock {
  const fromEnv = readEnvString(env, CONFIG_PATH_VARIABLE);
  if (fromEnv !== undefined) {
    const path = resolve(cwd, fromEnv);
    return { source: path, block: tracingBlockOf(readConfigText(path, fromEnv), path) };
  }
  const path = resolve(cwd, DEFAULT_CONFIG_FILE_NAME);
  const text = readConfigText(path);
  if (text === undefined) return { source: 'defaults', block: undefined };
  return { source: path, block: tracingBlockOf(text, path) };
}

/**
 * Reads the file. A missing default file means "no file" (undefined); a missing file named by
 * $LLM_OTEL_CONFIG is the variable's fault, so it is reported against the environment.
 */
function readConfigText(path: string, fromEnv: string): string;
function readConfigText(path: string): string | undefined;
function readConfigText(path: string, fromEnv?: string): string | undefined {
  let read;
  try {
    read = readRegularFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && fromEnv === undefined) return undefined;
    if ((code === 'ENOENT' || code === 'ENOTDIR') && fromEnv !== undefined) {
      throw new ConfigError({
        file: 'environment',
        keyPath: CONFIG_PATH_VARIABLE,
        found: `${renderFoundValue(fromEnv)} (no such file${whereUnlessAbsolute(fromEnv, path)})`,
        allowed: 'the path of an existing YAML file',
      });
    }
    throw new ConfigError({
      file: path,
      keyPath: '(file)',
      found: error instanceof Error ? error.message : String(error),
      allowed: 'a readable YAML file',
    });
  }
  if ('text' in read) return read.text;
  const allowed = `a regular YAML file of at most ${MAX_CONFIG_FILE_BYTES.toLocaleString('en-US')} bytes (2 MiB)`;
  if (fromEnv !== undefined) {
    throw new ConfigError({
      file: 'environment',
      keyPath: CONFIG_PATH_VARIABLE,
      found: `${renderFoundValue(fromEnv)} (${describeRefusal(read.refused)}${whereUnlessAbsolute(fromEnv, path)})`,
      allowed: `the path of ${allowed}`,
    });
  }
  throw new ConfigError({ file: path, keyPath: '(file)', found: describeRefusal(read.refused), allowed });
}

function describeRefusal(reason: UnreadableReason): string {
  if (reason.kind === 'not-regular') return `${reason.what}, not a regular file`;
  return `a file of ${reason.bytes.toLocaleString('en-US')} bytes`;
}

function whereUnlessAbsolute(fromEnv: string, path: string): string {
  return isAbsolute(fromEnv) ? '' : `: ${path}`;
}

function tracingBlockOf(fileText: string, file: string): unknown {
  const section = tracingSectionText(fileText);
  if (!section.cut) return tracingBlockOfDocument(parseDocument(fileText), file);
  try {
    return tracingBlockOfDocument(parseDocument(section.text), file);
  } catch {
    // Any problem in the cut-down text (an alias to an anchor outside it, say) is reported as a
    // parse of the whole file reports it.
    return tracingBlockOfDocument(parseDocument(fileText), file);
  }
}

/**
 * The YAML parser is loaded only when there is a file to parse: most runs have none, and its
 * ~70 modules would otherwise sit on the path to the app's first line (bench/startup.mjs).
 */
function parseDocument(text: string): Document.Parsed {
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml.parseDocument(text);
}

function tracingBlockOfDocument(document: Document.Parsed, file: string): unknown {
  const [syntaxError, ...moreErrors] = document.errors;
  if (syntaxError) {
    throw new ConfigError({
      file,
      keyPath: '(YAML syntax)',
      // The message's first line holds the reason and `at line L, column C`; the rest is a code frame.
      found: syntaxError.message.split('\n')[0].replace(/:$/, ''),
      allowed: 'valid YAML',
      moreIssues: moreErrors.length,
    });
  }
  let root: unknown;
  try {
    root = document.toJS();
  } catch (error) {
    // e.g. an alias bomb stopped by yaml's maxAliasCount, or an alias to an undefined anchor.
    throw new ConfigError({ file, keyPath: '(YAML syntax)', found: (error as Error).message, allowed: 'valid YAML' });
  }
  const observability = valueUnder(root, '(top level)', TRACING_BLOCK_PATH[0], file);
  return valueUnder(observability, TRACING_BLOCK_PATH[0], TRACING_BLOCK_PATH[1], file);
}

/**
 * `parent[key]`. A missing or empty (null) parent means no block; a parent that is a scalar or a
 * list would hide a block the user meant to write, so it is an error rather than silent defaults.
 */
function valueUnder(parent: unknown, parentKeyPath: string, key: string, file: string): unknown {
  if (parent === undefined || parent === null) return undefined;
  if (typeof parent !== 'object' || Array.isArray(parent)) {
    throw new ConfigError({
      file,
      keyPath: parentKeyPath,
      found: renderFoundValue(parent),
      allowed: `a mapping (llm-otel reads ${TRACING_BLOCK_PATH.join('.')})`,
    });
  }
  return (parent as Record<string, unknown>)[key];
}
