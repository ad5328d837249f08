import type { EventSourceMessage } from 'eventsource-parser';
import type { ResponseFacts, Usage } from '../types.js';
import type { SseEventReducer } from '../stream/sse-accumulator.js';
import { asArray, asInteger, asNonEmptyString, asObject, definedOnly, parseJsonOrUndefined, type JsonObject } from '../json-fields.js';
import { BoundedText } from '../stream/text-buffer.js';
import { googlePart, pick } from './google-content.js';
import { readGoogleError, readGoogleUsage } from './read-google-fields.js';

/**
 * A streamed text part grows by deltas, one per chunk; other parts (function calls, blobs) arrive
 * whole. `chunk` is the number of the chunk that last extended the part.
 */
type PartState = { kind: 'text' | 'reasoning'; text: BoundedText; chunk: number } | { kind: 'whole'; part: unknown };

interface CandidateState {
  finishReason?: string;
  parts: PartState[];
}

/**
 * Folds `GenerateContentResponse` objects into facts: one for `:generateContent`, one per chunk
 * for `:streamGenerateContent` (SSE events or the items of a JSON array). Each chunk repeats the
 * response id and model version; the finish reason arrives per candidate on its last chunk; the
 * usage counters of the last chunk that has any replace earlier ones. Finish reasons are the
 * provider's values as text: `STOP`, or `"1"` when the caller asked for `enum-encoding=int` (the
 * conventions type `gen_ai.response.finish_reasons` as strings; the number is not renamed by a guess).
 */
export class GenerateContentReducer implements SseEventReducer {
  private responseId?: string;
  private responseModel?: string;
  private usage?: Usage;
  private error?: Pick<ResponseFacts, 'errorType' | 'errorMessage'>;
  private readonly candidates = new Map<number, CandidateState>();
  private chunks = 0;

  constructor(private readonly captureContent: boolean) {}

  onEvent(event: EventSourceMessage): void {
    this.onChunk(parseJsonOrUndefined(event.data));
  }

  onChunk(value: unknown): void {
    const chunk = asObject(value);
    if (!chunk) return;
    this.chunks += 1;
    const error = readGoogleError(chunk);
    if (error) {
      this.error = error;
      return;
    }
    this.responseId ??= asNonEmptyString(pick(chunk, 'responseId', 'response_id'));
    this.responseModel ??= asNonEmptyString(pick(chunk, 'modelVersion', 'model_version'));
    this.usage = readGoogleUsage(pick(chunk, 'usageMetadata', 'usage_metadata')) ?? this.usage;
    const candidates = asArray(chunk.candidates) ?? [];
    candidates.forEach((item, position) => {
      const candidate = asObject(item);
      if (candidate) this.readCandidate(candidate, position);
    });
  }

  private readCandidate(candidate: JsonObject, position: number): void {
    // Vertex omits `index` for the first (often only) candidate.
    const index = asInteger(candidate.index) ?? position;
    let state = this.candidates.get(index);
    if (!state) {
      state = { parts: [] };
      this.candidates.set(index, state);
    }
    const reason = pick(candidate, 'finishReason', 'finish_reason');
    if (typeof reason === 'string') state.finishReason = reason;
    else if (asInteger(reason) !== undefined) state.finishReason = String(reason);
    if (this.captureContent) this.readParts(state, asArray(asObject(candidate.content)?.parts) ?? []);
  }

  private readParts(state: CandidateState, parts: unknown[]): void {
    for (const item of parts) {
      const raw = asObject(item);
      if (!raw) continue;
      const part = googlePart(raw) as { type: string; content?: string };
      if (part.type === 'text' || part.type === 'reasoning') {
        const kind = part.type;
        const last = state.parts.at(-1);
        // A text part continues the previous chunk's; two text parts of one chunk stay two.
        if (last && last.kind === kind && last.chunk < this.chunks) {
          last.text.append(part.content);
          last.chunk = this.chunks;
        } else {
          const text = new BoundedText();
          text.append(part.content);
          state.parts.push({ kind, text, chunk: this.chunks });
        }
      } else {
        state.parts.push({ kind: 'whole', part });
      }
    }
  }

  private outputMessages(indices: number[]): unknown[] {
    return indices.map((i) => {
      const state = this.candidates.get(i)!;
      const parts = state.parts.map((p) => (p.kind === 'whole' ? p.part : { type: p.kind, content: p.text.toString() }));
      return { role: 'assistant', parts, finish_reason: state.finishReason };
    });
  }

  result(): ResponseFacts {
    const indices = [...this.candidates.keys()].sort((a, b) => a - b);
    const finishReasons = indices
      .map((i) => this.candidates.get(i)!.finishReason)
      .filter((r): r is string => r !== undefined);
    return definedOnly({
      responseId: this.responseId,
      responseModel: this.responseModel,
      finishReasons: finishReasons.length > 0 ? finishReasons : undefined,
      usage: this.usage,
      ...this.error,
      outputMessages: this.captureContent && indices.length > 0 ? this.outputMessages(indices) : undefined,
    });
  }
}
