import type { DiagLogger } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { oncePerKind } from '../../../src/sdk/once-per-kind-logger.js';

function recordingLogger(): { logger: DiagLogger; lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, ...args: unknown[]) => lines.push([level, message, ...args.map(String)].join(' '));
  return {
    lines,
    logger: { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug'), verbose: record('verbose') },
  };
}

describe('oncePerKind', () => {
  it('passes a repeated SDK warning once, whatever its numbers', () => {
    const { logger, lines } = recordingLogger();
    const once = oncePerKind(logger);
    once.warn('Dropped 310 spans because maxQueueSize reached');
    once.warn('Dropped 12 spans because maxQueueSize reached');
    once.warn('Dropped 4096 spans because maxQueueSize reached');
    expect(lines).toEqual(['warn Dropped 310 spans because maxQueueSize reached']);
  });

  it('tells kinds apart by level, by text and by the text a component logger passes after its namespace', () => {
    const { logger, lines } = recordingLogger();
    const once = oncePerKind(logger);
    once.warn('same text');
    once.error('same text');
    once.warn('other text');
    once.warn('OTLPExportDelegate', 'Export succeeded but could not deserialize response');
    once.warn('OTLPExportDelegate', 'another component message');
    once.warn('OTLPExportDelegate', 'another component message');
    expect(lines).toEqual([
      'warn same text',
      'error same text',
      'warn other text',
      'warn OTLPExportDelegate Export succeeded but could not deserialize response',
      'warn OTLPExportDelegate another component message',
    ]);
  });

  it('passes every info, debug and verbose record', () => {
    const { logger, lines } = recordingLogger();
    const once = oncePerKind(logger);
    for (let i = 0; i < 2; i += 1) {
      once.info('info 1');
      once.debug('debug 1');
      once.verbose('verbose 1');
    }
    expect(lines).toEqual(['info info 1', 'debug debug 1', 'verbose verbose 1', 'info info 1', 'debug debug 1', 'verbose verbose 1']);
  });

  it('remembers at most 256 kinds, then drops new ones instead of growing', () => {
    const { logger, lines } = recordingLogger();
    const once = oncePerKind(logger);
    const letters = (n: number) => n.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!);
    for (let i = 0; i < 300; i += 1) once.error(`kind ${letters(i)}`);
    expect(lines).toHaveLength(256);
    expect(lines.at(-1)).toBe(`error kind ${letters(255)}`);
  });
});
