import type { Meter } from '@opentelemetry/api';
import type { CompletedExchange, ExchangeListener } from '../capture/types.js';
import { reportOnce } from '../diagnostics/report-once.js';
import { defaultGenAiMetrics } from './default-genai-metrics.js';
import { latestGenAiMetrics } from './latest-genai-metrics.js';
import { meterHistograms, type HistogramFactory } from './series-histogram.js';
import { genAiMetricNamesFromEnv, type GenAiMetricNames } from './semconv-stability-opt-in.js';

/**
 * An exchange listener that records the GenAI client metrics of every finished LLM call on
 * `meter`, whether or not its span was sampled. Add it with
 * `instrumentation.addExchangeListener(createGenAiMetricsListener(meter))`; the
 * `--import llm-otel/register` entry does that itself when metrics are enabled.
 * `names` defaults to what `OTEL_SEMCONV_STABILITY_OPT_IN` selects.
 */
export function createGenAiMetricsListener(meter: Meter, names: GenAiMetricNames = genAiMetricNamesFromEnv()): ExchangeListener {
  return listenerRecording(names === 'latest' ? latestGenAiMetrics(meter) : defaultGenAiMetrics(meterHistograms(meter)));
}

/**
 * The default GenAI client metrics aggregated by `histograms` (register's own meter provider,
 * src/sdk/start-metrics.ts) rather than on a meter's instruments.
 */
export function createInProcessGenAiMetricsListener(histograms: HistogramFactory): ExchangeListener {
  return listenerRecording(defaultGenAiMetrics(histograms));
}

function listenerRecording(record: (exchange: CompletedExchange) => void): ExchangeListener {
  return (exchange) => {
    try {
      record(exchange);
    } catch (error) {
      reportOnce('recording GenAI metrics', error);
    }
  };
}
