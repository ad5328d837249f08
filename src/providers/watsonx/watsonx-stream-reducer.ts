import type { EventSourceMessage } from 'eventsource-parser';
import type { ResponseFacts } from '../types.js';
import type { SseEventReducer } from '../stream/sse-accumulator.js';
import { asArray, asInteger, asNonEmptyString, asObject, asString, definedOnly, parseJsonOrUndefined } from '../json-fields.js';
import { BoundedText } from '../stream/text-buffer.js';
import { readWatsonxError } from './read-watsonx-response.js';
import { usageCounters } from '../usage-counters.js';
import { textMessage } from '../content-parts.js';

interface ResultState {
  inputTokens?: number;
  outputTokens?: number;
  stopReason?: string;
  text: BoundedText;
}

/**
 * Folds a watsonx.ai text generation stream. Each event carries `results` whose counters are not
 * deltas: `input_token_count` is non-zero only in the first event and `generated_token_count` is
 * cumulative, so the largest value seen is the total. `stop_reason` is `not_finished` until the
 * last event, whose value wins.
 */
export class WatsonxGenerationStreamReducer implements SseEventReducer {
  private responseModel?: string;
  private readonly results: ResultState[] = [];
  private error?: Pick<ResponseFacts, 'errorType' | 'errorMessage'>;

  constructor(private readonly captureContent: boolean) {}

  onEvent(event: EventSourceMessage): void {
    const data = asObject(parseJsonOrUndefined(event.data));
    if (!data) return;
    const error = readWatsonxError(data);
    if (error) {
      this.error = error;
      return;
    }
    this.responseModel ??= asNonEmptyString(data.model_id);
    (asArray(data.results) ?? []).forEach((item, index) => {
      const result = asObject(item);
      if (!result) return;
      const state = (this.results[index] ??= { text: new BoundedText() });
      state.inputTokens = maxOf(state.inputTokens, asInteger(result.input_token_count));
      state.outputTokens = maxOf(state.outputTokens, asInteger(result.generated_token_count));
      state.stopReason = asString(result.stop_reason) ?? state.stopReason;
      if (this.captureContent) state.text.append(result.generated_text);
    });
  }

  result(): ResponseFacts {
    const results = this.results.filter((r): r is ResultState => r !== undefined);
    const total = (pick: (r: ResultState) => number | undefined) => {
      const counts = results.map(pick).filter((n): n is number => n !== undefined);
      return counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : undefined;
    };
    const usage = usageCounters({ inputTokens: total((r) => r.inputTokens), outputTokens: total((r) => r.outputTokens) });
    const reasons = results.map((r) => r.stopReason).filter((r): r is string => !!r);
    return definedOnly({
      responseModel: this.responseModel,
      finishReasons: reasons.length > 0 ? reasons : undefined,
      usage,
      ...this.error,
      outputMessages: this.captureContent
        ? results.map((r) => (textMessage('assistant', r.text.toString(), r.stopReason)))
        : undefined,
    });
  }
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
