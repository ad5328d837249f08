import type zlib from 'node:zlib';

/**
 * Removes content-encoding from OUR copy of the response bytes. Dispatcher-level observers
 * (undici channels, the http parser) see the bytes as they came off the wire, compressed when the
 * server compressed them; the app's own copy is decoded by its client, untouched by us.
 */
export interface BodyDecoder {
  write(chunk: Uint8Array): void;
  /** Calls `done` once every decoded byte has been delivered. */
  end(done: () => void): void;
}

type Sink = (chunk: Uint8Array) => void;

interface Zlib {
  readonly module: typeof zlib;
  /**
   * The flush modes fetch (undici) decodes with: a body cut short still yields what it holds and
   * is not an error. Our decoder must fail exactly when the app's does, since a failure of ours on
   * a fetch body is recorded as the app's error.
   */
  readonly lenient: zlib.ZlibOptions;
  readonly brotliLenient: zlib.BrotliOptions;
}

let loaded: Zlib | undefined;
/**
 * node:zlib on the first compressed response, not at import: importing it is about 8% of
 * register's start-up (23M instructions), and many apps' LLM responses come uncompressed.
 */
function zlibOnFirstUse(): Zlib {
  if (loaded) return loaded;
  const module = process.getBuiltinModule('node:zlib');
  const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = module.constants;
  loaded = { module, lenient: { flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH }, brotliLenient: { flush: BROTLI_OPERATION_FLUSH, finishFlush: BROTLI_OPERATION_FLUSH } };
  return loaded;
}

function identity(sink: Sink): BodyDecoder {
  return {
    write: sink,
    end: (done) => done(),
  };
}

function streaming(transform: zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress | zlib.ZstdDecompress, sink: Sink, onError: (e: unknown) => void): BodyDecoder {
  let finished = false;
  let doneCallback: (() => void) | undefined;
  const finish = () => {
    if (finished) return;
    finished = true;
    doneCallback?.();
  };
  transform.on('data', sink);
  transform.on('end', finish);
  transform.on('error', (error) => {
    onError(error);
    finish();
  });
  return {
    write(chunk) {
      if (!finished) transform.write(chunk);
    },
    end(done) {
      doneCallback = done;
      if (finished) done();
      else transform.end();
    },
  };
}

/**
 * `deflate` is meant to be zlib-wrapped (RFC 1950) but some servers send raw deflate (RFC 1951);
 * fetch accepts both, so the first byte decides: a zlib header's low nibble is 8 (the deflate
 * method). Chunks are held only until that first byte arrives.
 */
function deflate(sink: Sink, onError: (e: unknown) => void): BodyDecoder {
  let chosen: BodyDecoder | undefined;
  return {
    write(chunk) {
      if (chunk.byteLength === 0) return;
      if (!chosen) {
        const { module, lenient } = zlibOnFirstUse();
        chosen = streaming((chunk[0]! & 0x0f) === 0x08 ? module.createInflate(lenient) : module.createInflateRaw(lenient), sink, onError);
      }
      chosen.write(chunk);
    },
    end(done) {
      if (chosen) chosen.end(done);
      else done();
    },
  };
}

export function createBodyDecoder(contentEncoding: string | undefined, sink: Sink, onError: (e: unknown) => void): BodyDecoder {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return identity(sink);
    case 'gzip':
    case 'x-gzip': {
      const { module, lenient } = zlibOnFirstUse();
      return streaming(module.createGunzip(lenient), sink, onError);
    }
    case 'deflate':
      return deflate(sink, onError);
    case 'br': {
      const { module, brotliLenient } = zlibOnFirstUse();
      return streaming(module.createBrotliDecompress(brotliLenient), sink, onError);
    }
    case 'zstd': {
      const { module } = zlibOnFirstUse();
      return typeof module.createZstdDecompress === 'function' ? streaming(module.createZstdDecompress(), sink, onError) : identity(() => {});
    }
    default:
      // Stacked or unknown encodings: we cannot read the body, but the app still gets it.
      return identity(() => {});
  }
}
