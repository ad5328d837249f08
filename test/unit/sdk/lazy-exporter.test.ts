import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { LazyExporter, type BatchExporter } from '../../../src/sdk/lazy-exporter.js';

/** A real exporter stand-in that records batches and answers each with `code`. */
function recordingExporter(code = ExportResultCode.SUCCESS) {
  const batches: number[][] = [];
  const exporter: BatchExporter<number[]> = {
    export: (batch, done) => {
      batches.push(batch);
      done({ code });
    },
    shutdown: async () => {},
  };
  return { batches, exporter };
}

function exportAndWait(lazy: LazyExporter<number[]>, batch: number[]): Promise<ExportResult> {
  return new Promise((resolve) => lazy.export(batch, resolve));
}

describe('LazyExporter', () => {
  it('loads nothing until the first export or preload', async () => {
    let loads = 0;
    const lazy = new LazyExporter(async () => {
      loads += 1;
      return recordingExporter().exporter;
    });
    await Promise.resolve();
    expect(loads).toBe(0);
    await lazy.preload();
    await lazy.preload();
    expect(loads).toBe(1);
  });

  it('keeps every batch exported while the module loads, in order, and reports the real results', async () => {
    const real = recordingExporter();
    let finishLoading!: () => void;
    const loaded = new Promise<void>((resolve) => (finishLoading = resolve));
    const lazy = new LazyExporter(async () => {
      await loaded;
      return real.exporter;
    });
    const results = [exportAndWait(lazy, [1, 2]), exportAndWait(lazy, [3])];
    expect(real.batches).toEqual([]);
    finishLoading();
    expect((await Promise.all(results)).map((r) => r.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.SUCCESS]);
    expect(real.batches).toEqual([[1, 2], [3]]);
    expect(lazy.sentItems).toBe(3);
  });

  it('fails waiting and later batches with the load error, and counts nothing as sent', async () => {
    const lazy = new LazyExporter<number[]>(async () => {
      throw new Error('cannot load the exporter');
    });
    const first = await exportAndWait(lazy, [1]);
    const later = await exportAndWait(lazy, [2]);
    expect([first.code, later.code]).toEqual([ExportResultCode.FAILED, ExportResultCode.FAILED]);
    expect(first.error?.message).toBe('cannot load the exporter');
    expect(lazy.sentItems).toBe(0);
  });

  it('counts only batches the real exporter reports sent', async () => {
    const real = recordingExporter(ExportResultCode.FAILED);
    const lazy = new LazyExporter(async () => real.exporter);
    await exportAndWait(lazy, [1, 2, 3]);
    expect(lazy.sentItems).toBe(0);
  });
});
