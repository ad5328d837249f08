import { createNoopMeter, metrics, type Meter, type MeterProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { DEFAULT_MAX_CONTENT_BYTES } from '../config/defaults.js';
import { captureContentFromEnv, genAiLatestOptedInFromEnv } from '../config/settings-from-env.js';
import { createCostListener } from '../cost/cost-listener.js';
import { createGenAiMetricsListener, createInProcessGenAiMetricsListener } from '../metrics/genai-metrics-listener.js';
import type { HistogramFactory } from '../metrics/series-histogram.js';
import { ProviderRegistry } from '../providers/registry.js';
import type { GenAiConventions } from '../spans/genai-conventions.js';
import { attachTraceAttributesProcessor } from '../own-sdk/attach-span-processor.js';
import { currentTracerProvider } from '../own-sdk/registered-provider.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { CaptureRuntime } from './internal-types.js';
import { RequestStarter } from './request-starter.js';
import { FetchCapture } from './fetch-capture.js';
import { HttpCapture } from './http-capture.js';
import { Http2Capture } from './http2-capture.js';
import { startNonLlmInstrumentations, type NonLlmInstrumentations } from './non-llm-instrumentations.js';
import type { ExchangeListener, LlmHttpInstrumentationConfig } from './types.js';

/** The meter class of the API's no-op meter provider: nothing it records goes anywhere. */
const NOOP_METER_CLASS = createNoopMeter().constructor;

/**
 * Turns LLM API calls made over fetch/undici, node:http(s) and node:http2 into GenAI client spans,
 * with `llm_otel.cost.usd` on each and the GenAI client metrics on `this.meter` (any meter
 * provider the SDK hands it, as contrib instrumentations take theirs). It hooks no SDK: it listens
 * on Node's diagnostics channels and wraps `globalThis.fetch` and `http2.connect` (the one place
 * an HTTP/2 `traceparent` can still be added), so any SDK major (and raw fetch) is covered.
 */
export class LlmHttpInstrumentation extends InstrumentationBase<LlmHttpInstrumentationConfig> {
  // `declare`d, not initialised: the base constructor calls setConfig(), enable() and
  // _updateMetricInstruments() before a subclass's field initialisers run, and an initialiser
  // would then wipe what they set up.
  declare private captures: { fetch: FetchCapture; http: HttpCapture; http2: Http2Capture } | undefined;
  declare private exchangeListeners: ExchangeListener[] | undefined;
  declare private recordMetrics: ExchangeListener | undefined;
  /** What the captures call for each finished call: cost, metrics, then the added listeners. */
  declare private activeListeners: ExchangeListener[] | undefined;
  /** Set by setTracerProvider(); without it spans go to whatever provider the API has now. */
  declare private ownTracerProvider: boolean | undefined;
  declare private followed: { provider: TracerProvider; tracer: Tracer } | undefined;
  declare private explicitMeterProvider: boolean | undefined;
  /** register's meter provider's meter, and the producer that aggregates our histograms there. */
  declare private ownHistograms: { meter: Meter; histograms: HistogramFactory } | undefined;
  /** The contrib undici/http instrumentations, when `traceNonLlmRequests` is on. */
  declare private nonLlm: NonLlmInstrumentations | undefined;
  declare private givenTracerProvider: TracerProvider | undefined;

  constructor(config: LlmHttpInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected init(): void {}

  /**
   * A provider of its own (tests, an app without NodeSDK), or the API's proxy, which is what
   * `registerInstrumentations` hands every instrumentation: that one means "follow the API".
   */
  override setTracerProvider(tracerProvider: TracerProvider): void {
    super.setTracerProvider(tracerProvider);
    this.ownTracerProvider = typeof (tracerProvider as { getDelegate?: unknown }).getDelegate !== 'function';
    this.givenTracerProvider = this.ownTracerProvider ? tracerProvider : undefined;
  }

  override setMeterProvider(meterProvider: Parameters<InstrumentationBase['setMeterProvider']>[0]): void {
    this.explicitMeterProvider = true;
    super.setMeterProvider(meterProvider);
  }

  /**
   * register's own meter provider: the default GenAI histograms are aggregated by `histograms`,
   * a producer of that provider's reader, instead of on instruments of its meter. Any other meter
   * provider set later (an app's NodeSDK) gets the instruments again.
   */
  setMeterProviderWithHistograms(meterProvider: MeterProvider, histograms: HistogramFactory): void {
    this.ownHistograms = { meter: meterProvider.getMeter(this.instrumentationName, this.instrumentationVersion), histograms };
    this.setMeterProvider(meterProvider);
  }

  /**
   * The tracer LLM spans start on. Unless a provider was set, it is the one the API has now, not
   * the one it had when we were built: under `--import llm-otel/register` an app's NodeSDK may
   * start after us and then its provider (exporter, resource, sampler) takes the spans.
   */
  override get tracer(): Tracer {
    if (this.ownTracerProvider) return super.tracer;
    const provider = currentTracerProvider();
    if (this.followed?.provider !== provider) {
      this.followed = { provider, tracer: provider.getTracer(this.instrumentationName, this.instrumentationVersion) };
      this.onNewTracerProvider(provider);
    }
    return this.followed.tracer;
  }

  /** An app's provider: our processor joins it and the metrics go to the app's meter provider (unless one was given). */
  private onNewTracerProvider(provider: TracerProvider): void {
    attachTraceAttributesProcessor(provider);
    if (!this.explicitMeterProvider) super.setMeterProvider(metrics.getMeterProvider());
  }

  /** Called with every finished LLM call just before its span ends (after cost and metrics). */
  addExchangeListener(listener: ExchangeListener): void {
    (this.exchangeListeners ??= []).push(listener);
    this.refreshListeners();
  }

  /**
   * The GenAI client metrics, from `this.meter`: called by the base class when it is built and
   * whenever a meter provider is set. On the API's no-op meter nothing is recorded, so a
   * sampled-out call is not read for metrics nobody collects.
   */
  protected override _updateMetricInstruments(): void {
    const conventions = this.conventions();
    if (isNoopMeter(this.meter)) this.recordMetrics = undefined;
    else if (this.ownHistograms?.meter === this.meter && conventions === 'default') this.recordMetrics = createInProcessGenAiMetricsListener(this.ownHistograms.histograms);
    else this.recordMetrics = createGenAiMetricsListener(this.meter, conventions);
    this.refreshListeners();
  }

  private conventions(): GenAiConventions {
    return this.getConfig().genAiConventions ?? (genAiLatestOptedInFromEnv() ? 'latest' : 'default');
  }

  /** Rebuilt in place: the captures and their exchanges hold this very array. */
  private refreshListeners(): ExchangeListener[] {
    const listeners = (this.activeListeners ??= []);
    listeners.length = 0;
    listeners.push(createCostListener());
    if (this.recordMetrics) listeners.push(this.recordMetrics);
    listeners.push(...(this.exchangeListeners ?? []));
    return listeners;
  }

  override setConfig(config: LlmHttpInstrumentationConfig = {}): void {
    super.setConfig(config);
    if (this.captures) {
      // The captures hold the settings they started with; rebuild them with the new ones.
      this.disable();
      this.enable();
    }
  }

  private createRuntime(): CaptureRuntime {
    const config = this.getConfig();
    return {
      tracer: () => this.tracer,
      registry: new ProviderRegistry(config.providers ?? []),
      settings: {
        captureContent: config.captureContent ?? captureContentFromEnv(),
        genAiConventions: this.conventions(),
        maxContentBytes: config.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES,
        traceNonLlmRequests: config.traceNonLlmRequests ?? false,
      },
      listeners: this.activeListeners ?? this.refreshListeners(),
    };
  }

  override enable(): void {
    super.enable();
    if (this.captures) return;
    const starter = new RequestStarter(this.createRuntime());
    this.captures = { fetch: new FetchCapture(starter), http: new HttpCapture(starter), http2: new Http2Capture(starter) };
    this.captures.fetch.enable();
    this.captures.http.enable();
    this.captures.http2.enable();
    if (this.getConfig().traceNonLlmRequests) this.nonLlm = startNonLlmInstrumentations(starter, this.givenTracerProvider);
  }

  /** Settles once the non-LLM HTTP instrumentations (if asked for) are loaded; register waits for it. */
  get nonLlmReady(): Promise<void> {
    return this.nonLlm?.ready ?? Promise.resolve();
  }

  override disable(): void {
    super.disable();
    this.captures?.fetch.disable();
    this.captures?.http.disable();
    this.captures?.http2.disable();
    this.captures = undefined;
    this.nonLlm?.disable();
    this.nonLlm = undefined;
  }
}

function isNoopMeter(meter: Meter): boolean {
  return meter instanceof NOOP_METER_CLASS;
}
