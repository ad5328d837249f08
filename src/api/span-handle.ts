import { INVALID_SPAN_CONTEXT, trace, type AttributeValue, type Span } from '@opentelemetry/api';
import { reportOnce } from '../diagnostics/report-once.js';
import { llmCallCostUsd } from '../cost/llm-call-cost.js';
import { ATTR_LLM_OTEL_COST_USD } from '../spans/llm-otel-attributes.js';
import { responseAttributes } from '../spans/response-attributes.js';
import { asMessages, contentAttributeValue } from './content-attribute-value.js';
import type { ManualApiSettings } from './manual-api-settings.js';
import { recordErrorOnSpan } from '../spans/record-error.js';
import type { ContentKeys } from './span-kinds.js';
import type { SpanHandle, TokenUsage } from './types.js';

/** What the handle prices usage with: the span's provider and model, when the app named both. */
export interface PricingTarget {
  readonly provider: string;
  readonly model: string;
}

function nonNegativeCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.trunc(value) : undefined;
}

/** Runs a handle method; an instrumentation fault is logged once and never reaches the app. */
function safely(kind: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    reportOnce(kind, error);
  }
}

/** The handle of a live manual span. */
export class ManualSpanHandle implements SpanHandle {
  private ended = false;
  private errorRecorded = false;
  private costFromApp = false;

  constructor(
    readonly span: Span,
    private readonly content: ContentKeys,
    private readonly settings: ManualApiSettings,
    private readonly pricing: PricingTarget | undefined,
  ) {}

  /** Records an input given in the options (content capture only). */
  recordInput(input: unknown): void {
    if (input === undefined || !this.settings.captureContent || !this.span.isRecording()) return;
    safely('recording a manual span input', () => {
      const value = this.content.messages ? asMessages(input, 'user') : input;
      this.span.setAttribute(this.content.input, contentAttributeValue(value, this.settings.maxContentBytes, this.content.inputIsText));
    });
  }

  setOutput(output: unknown): void {
    if (this.ended || output === undefined || !this.settings.captureContent || !this.span.isRecording()) return;
    safely('recording a manual span output', () => {
      const value = this.content.messages ? asMessages(output, 'assistant') : output;
      this.span.setAttribute(this.content.output, contentAttributeValue(value, this.settings.maxContentBytes, false));
    });
  }

  setUsage(usage: TokenUsage): void {
    if (this.ended || !usage || typeof usage !== 'object' || !this.span.isRecording()) return;
    safely('recording manual span usage', () => {
      const counts = {
        inputTokens: nonNegativeCount(usage.inputTokens),
        outputTokens: nonNegativeCount(usage.outputTokens),
        cacheReadInputTokens: nonNegativeCount(usage.cacheReadInputTokens),
        cacheCreationInputTokens: nonNegativeCount(usage.cacheCreationInputTokens),
        reasoningOutputTokens: nonNegativeCount(usage.reasoningOutputTokens),
      };
      this.span.setAttributes(responseAttributes({ usage: counts }));
      if (this.pricing && !this.costFromApp) {
        const cost = llmCallCostUsd({ provider: this.pricing.provider, requestModel: this.pricing.model, usage: counts });
        if (cost !== undefined && Number.isFinite(cost)) this.span.setAttribute(ATTR_LLM_OTEL_COST_USD, cost);
      }
    });
  }

  setCost(usd: number): void {
    if (this.ended || typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) return;
    safely('recording a manual span cost', () => {
      this.costFromApp = true;
      this.span.setAttribute(ATTR_LLM_OTEL_COST_USD, usd);
    });
  }

  setError(error: unknown): void {
    if (this.ended) return;
    safely('recording a manual span error', () => {
      this.errorRecorded = true;
      recordErrorOnSpan(this.span, error);
    });
  }

  setAttributes(attributes: Record<string, AttributeValue | undefined>): void {
    if (this.ended || !attributes || typeof attributes !== 'object') return;
    safely('setting manual span attributes', () => this.span.setAttributes(attributes));
  }

  /** `fn` returned (or its promise settled) normally. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    safely('ending a manual span', () => this.span.end());
  }

  /** `fn` threw (or its promise rejected): record the error unless the app already did, then end. */
  endWithError(error: unknown): void {
    if (this.ended) return;
    if (!this.errorRecorded) this.setError(error);
    this.end();
  }
}

const NON_RECORDING_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Handed to `fn` when tracing is off or a span could not be started: every method does nothing. */
export const NOOP_SPAN_HANDLE: SpanHandle = Object.freeze({
  setOutput: () => {},
  setUsage: () => {},
  setCost: () => {},
  setError: () => {},
  setAttributes: () => {},
  span: NON_RECORDING_SPAN,
});
