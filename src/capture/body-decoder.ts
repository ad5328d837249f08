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

function identity(sink: Sink): BodyDecoder {
  return {
    write: sink,
    end: (done) => done(),
  };
}

function streaming(transform: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | zlib.ZstdDecompress, sink: Sink, onError: (e: unknown) => void): BodyDecoder {
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

export function createBodyDecoder(contentEncoding: string | undefined, sink: Sink, onError: (e: unknown) => void): BodyDecoder {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return identity(sink);
    case 'gzip':
    case 'x-gzip':
      return streaming(zlib.createGunzip(), sink, onError);
    case 'deflate':
      return streaming(zlib.createInflate(), sink, onError);
    case 'br':
      return streaming(zlib.createBrotliDecompress(), sink, onError);
    case 'zstd':
      return typeof zlib.createZstdDecompress === 'function'
        ? streaming(zlib.createZstdDecompress(), sink, onError)
        : identity(() => {});
    default:
      // Stacked or unknown encodings: we cannot read the body, but the app still gets it.
      return identity(() => {});
  }
}
