import zlib from 'node:zlib';

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

/**
 * The flush modes fetch (undici) decodes with: a body cut short still yields what it holds and
 * is not an error. Our decoder must fail exactly when the app's does, since a failure of ours on
 * a fetch body is recorded as the app's error.
 */
const ZLIB_LENIENT: zlib.ZlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_LENIENT: zlib.BrotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

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
      chosen ??= streaming((chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(ZLIB_LENIENT) : zlib.createInflateRaw(ZLIB_LENIENT), sink, onError);
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
    case 'x-gzip':
      return streaming(zlib.createGunzip(ZLIB_LENIENT), sink, onError);
    case 'deflate':
      return deflate(sink, onError);
    case 'br':
      return streaming(zlib.createBrotliDecompress(BROTLI_LENIENT), sink, onError);
    case 'zstd':
      return typeof zlib.createZstdDecompress === 'function'
        ? streaming(zlib.createZstdDecompress(), sink, onError)
        : identity(() => {});
    default:
      // Stacked or unknown encodings: we cannot read the body, but the app still gets it.
      return identity(() => {});
  }
}
