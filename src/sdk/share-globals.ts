import { context, diag, metrics, propagation, trace, type TextMapPropagator, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { LlmHttpInstrumentation } from '../capture/llm-http-instrumentation.js';
import { currentTracerProvider } from '../own-sdk/registered-provider.js';
import { YieldingTracerProvider } from './yielding-tracer-provider.js';

/** The parts register puts behind the OpenTelemetry API. */
export interface OwnProviders {
  readonly tracerProvider: TracerProvider & { shutdown(): Promise<void> };
  readonly meterProvider?: MeterProvider;
  /** Undefined when OTEL_PROPAGATORS says none. */
  readonly propagator?: TextMapPropagator;
}

/** Where every copy of `@opentelemetry/api` 1.x keeps its globals (its `registerGlobal`). */
const API_GLOBALS = Symbol.for('opentelemetry.js.api.1');
const TYPES = ['context', 'propagation', 'trace', 'metrics'] as const;
type GlobalsSlot = Partial<Record<(typeof TYPES)[number], unknown>> & { version?: string };

/**
 * Register's globals, shared with an app that starts its own NodeSDK after `--import
 * llm-otel/register`. The API takes each global once (`registerGlobal` with allowOverride false
 * logs "duplicate registration" and keeps the first), so without this the app's SDK would lose.
 *
 * `registerGlobal` first assigns the API's globals object to its `globalThis` slot; that slot is an
 * accessor here, so we learn of any registration just before the API checks for a duplicate. Ours
 * then step aside, the app's registrations succeed, and in the next microtask (the NodeSDK
 * registers all of them in one synchronous `start()`) each global the app did not take is ours
 * again. When the app took the tracer provider, ours shuts down: the capture follows the API's
 * provider, so the app's exporter, resource and sampler get the LLM spans, and its meter provider
 * the metrics.
 */
export function shareGlobals(own: OwnProviders, instrumentation: LlmHttpInstrumentation): void {
  const ours: GlobalsSlot = {};
  let selfRegistering = true;
  const take = (type: (typeof TYPES)[number], register: () => void) => {
    if ((globalThis as Record<symbol, GlobalsSlot | undefined>)[API_GLOBALS]?.[type]) return;
    register();
    ours[type] = (globalThis as Record<symbol, GlobalsSlot | undefined>)[API_GLOBALS]?.[type];
  };
  take('context', () => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  if (own.propagator) take('propagation', () => propagation.setGlobalPropagator(own.propagator!));
  const yielding = new YieldingTracerProvider(own.tracerProvider);
  take('trace', () => trace.setGlobalTracerProvider(yielding));
  if (own.meterProvider) take('metrics', () => metrics.setGlobalMeterProvider(own.meterProvider!));
  selfRegistering = false;

  let slot = (globalThis as Record<symbol, GlobalsSlot | undefined>)[API_GLOBALS];
  let stepping = false;
  let yielded = false;
  const settle = () => {
    stepping = false;
    for (const type of TYPES) if (ours[type] !== undefined && slot && slot[type] === undefined) slot[type] = ours[type];
    if (!yielded && currentTracerProvider() !== yielding) {
      yielded = true;
      diag.debug('llm-otel: the app set up its own OpenTelemetry SDK; LLM spans and metrics go to its providers');
      instrumentation.setMeterProvider(metrics.getMeterProvider());
      void own.tracerProvider.shutdown().catch(() => {});
      void own.meterProvider?.shutdown().catch(() => {});
    }
  };
  try {
    Object.defineProperty(globalThis, API_GLOBALS, {
      configurable: true,
      get: () => slot,
      set: (value: GlobalsSlot | undefined) => {
        slot = value;
        if (selfRegistering || stepping || yielded || !slot) return;
        stepping = true;
        for (const type of TYPES) if (ours[type] !== undefined && slot[type] === ours[type]) delete slot[type];
        queueMicrotask(settle);
      },
    });
  } catch (error) {
    diag.debug(`llm-otel: cannot watch the OpenTelemetry API globals; an app SDK started later will find them taken: ${String(error)}`);
  }
}
