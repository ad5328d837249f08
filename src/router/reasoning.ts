import type { ModelRef, ReasoningEffort, ReasoningFamily } from './config/router-config.js';

/**
 * A decision's `use_reasoning` as the model's reasoning family spells it (the vLLM router's
 * `reasoning_families`): `chat_template_kwargs` families get `chat_template_kwargs.<parameter>:
 * true|false` (vLLM's switch for Qwen3 or DeepSeek thinking), `reasoning_effort` families get
 * `<parameter>: <effort>` when reasoning is on. Nothing changes when the decision does not say.
 */
export function applyReasoning(
  body: Record<string, unknown>,
  ref: ModelRef | undefined,
  family: ReasoningFamily | undefined,
  defaultEffort: ReasoningEffort,
): Record<string, unknown> {
  if (!ref || ref.useReasoning === undefined || !family) return body;
  if (family.type === 'chat_template_kwargs') {
    const kwargs = (body.chat_template_kwargs && typeof body.chat_template_kwargs === 'object' ? body.chat_template_kwargs : {}) as Record<string, unknown>;
    return { ...body, chat_template_kwargs: { ...kwargs, [family.parameter]: ref.useReasoning } };
  }
  if (!ref.useReasoning) return body;
  return { ...body, [family.parameter]: ref.reasoningEffort ?? defaultEffort };
}
