import type { ExporterConfig } from '../config/types.js';

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
