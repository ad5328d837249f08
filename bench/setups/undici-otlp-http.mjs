// The undici configuration exporting over OTLP/HTTP (protobuf) instead of OTLP/gRPC: what the
// export pipeline costs per call with each transport. Used by the instruction-count mode only,
// whose bench serves an OTLP/HTTP sink at BENCH_OTLP_HTTP_ENDPOINT.
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { startSdk } from './start-sdk.mjs';

startSdk([new UndiciInstrumentation()], { protocol: 'http/protobuf' });
