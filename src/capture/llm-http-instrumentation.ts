import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { DEFAULT_MAX_CONTENT_BYTES } from '../config/defaults.js';
import { captureContentFromEnv, genAiLatestOptedInFromEnv } from '../config/settings-from-env.js';
import { ProviderRegistry } from '../providers/registry.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { CaptureRuntime } from './internal-types.js';
import { RequestStarter } from './request-starter.js';
import { FetchCapture } from './fetch-capture.js';
import { HttpCapture } from './http-capture.js';
import { Http2Capture } from './http2-capture.js';
import type { ExchangeListener, LlmHttpInstrumentationConfig } from './types.js';

/**
 * Turns LLM API calls made over fetch/undici, node:http(s) and node:http2 into GenAI client spans.
 * It hooks no SDK: it listens on Node's diagnostics channels and wraps `globalThis.fetch` and
 * `http2.connect` (the one place an HTTP/2 `traceparent` can still be added), so any SDK major
 * (and raw fetch) is covered without knowing the SDK.
 */
export class LlmHttpInstrumentation extends InstrumentationBase<LlmHttpInstrumentationConfig> {
  // `declare`d, not initialised: the base constructor calls setConfig() and enable() before a
  // subclass's field initialisers run, and an initialiser would then wipe what they set up.
  declare private captures: { fetch: FetchCapture; http: HttpCapture; http2: Http2Capture } | undefined;
  declare private exchangeListeners: ExchangeListener[] | undefined;

  constructor(config: LlmHttpInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected init(): void {}

  /** Called with every finished LLM call just before its span ends (metrics, cost). */
  addExchangeListener(listener: ExchangeListener): void {
    this.listeners().push(listener);
  }

  private listeners(): ExchangeListener[] {
    return (this.exchangeListeners ??= []);
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
        genAiConventions: config.genAiConventions ?? (genAiLatestOptedInFromEnv() ? 'latest' : 'default'),
        maxContentBytes: config.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES,
        traceNonLlmRequests: config.traceNonLlmRequests ?? false,
      },
      listeners: this.listeners(),
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
  }

  override disable(): void {
    super.disable();
    this.captures?.fetch.disable();
    this.captures?.http.disable();
    this.captures?.http2.disable();
    this.captures = undefined;
  }
}
