import { ConsoleSpanExporter, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { ExporterConfig, OtlpProtocol } from '../config/types.js';
import { LazyExporter } from './lazy-exporter.js';

/** What every OTLP exporter package takes; what is left out there, it reads from its OTEL_* variables. */
export interface OtlpExporterOptions {
  url?: string;
  timeoutMillis: number;
  headers?: Record<string, string>;
}

export function otlpOptions(exporter: ExporterConfig): OtlpExporterOptions {
  return {
    // Left out when an OTEL_ endpoint variable names it: the exporter applies the spec's path rules.
    ...(exporter.endpoint !== undefined && { url: exporter.endpoint }),
    timeoutMillis: exporter.timeoutMs,
    ...(Object.keys(exporter.headers).length > 0 && { headers: { ...exporter.headers } }),
  };
}

/** For gRPC the headers travel as call metadata, which the gRPC exporters take instead of `headers`. */
export async function asGrpcOptions(options: OtlpExporterOptions): Promise<Omit<OtlpExporterOptions, 'headers'> & { metadata?: import('@grpc/grpc-js').Metadata }> {
  const { headers, ...rest } = options;
  if (!headers) return rest;
  const metadata = new (await import('@grpc/grpc-js')).Metadata();
  for (const [name, value] of Object.entries(headers)) metadata.set(name, value);
  return { ...rest, metadata };
}

/**
 * The exporter of each protocol, imported only when the first batch is sent (or preloaded): for
 * gRPC and http/protobuf the packages' own delegates with our serializer (src/export/), for
 * http/json the package's JSON exporter.
 */
async function importOtlpTraceExporter(protocol: OtlpProtocol, options: OtlpExporterOptions): Promise<SpanExporter> {
  if (protocol === 'http/json') return new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter(options);
  const { createOtlpSpanExporter } = await import('../export/otlp-span-exporters.js');
  return protocol === 'grpc' ? createOtlpSpanExporter('grpc', await asGrpcOptions(options)) : createOtlpSpanExporter('http/protobuf', options);
}

/** `none`: no exporter. OTLP: one that imports its package lazily (LazyExporter.preload starts that). */
export function createSpanExporter(exporter: ExporterConfig): SpanExporter | undefined {
  if (exporter.type === 'none') return undefined;
  if (exporter.type === 'stdout') return new ConsoleSpanExporter();
  const options = otlpOptions(exporter);
  return new LazyExporter<ReadableSpan[]>(() => importOtlpTraceExporter(exporter.protocol, options));
}
