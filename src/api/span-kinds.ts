import { SpanKind, type Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_AGENT_DESCRIPTION, ATTR_GEN_AI_AGENT_ID, ATTR_GEN_AI_AGENT_NAME, ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_INPUT_MESSAGES, ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_OUTPUT_MESSAGES, ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RETRIEVAL_DOCUMENTS, ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, ATTR_GEN_AI_TOOL_CALL_ID, ATTR_GEN_AI_TOOL_CALL_RESULT, ATTR_GEN_AI_TOOL_DESCRIPTION,
  ATTR_GEN_AI_TOOL_NAME, ATTR_GEN_AI_TOOL_TYPE, ATTR_GEN_AI_WORKFLOW_NAME, GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL, GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW, GEN_AI_OPERATION_NAME_VALUE_RETRIEVAL,
} from '../semconv.js';
import { ATTR_LLM_OTEL_INPUT, ATTR_LLM_OTEL_OUTPUT, ATTR_LLM_OTEL_SPAN_KIND } from '../spans/llm-otel-attributes.js';
import type { ManualSpanKind, SpanOptions } from './types.js';

/** Where a kind records its input and output content, and in which form. */
export interface ContentKeys {
  readonly input: string;
  readonly output: string;
  /** Bare strings become `[{ role, parts: [{ type: 'text', content }] }]` (gen_ai.*.messages). */
  readonly messages: boolean;
  /** The input is plain text (gen_ai.retrieval.query.text), not JSON. */
  readonly inputIsText: boolean;
}

/** How a manual span is started. */
export interface ManualSpanShape {
  readonly name: string;
  readonly spanKind: SpanKind;
  readonly attributes: Attributes;
  readonly content: ContentKeys;
}

const MESSAGES: ContentKeys = { input: ATTR_GEN_AI_INPUT_MESSAGES, output: ATTR_GEN_AI_OUTPUT_MESSAGES, messages: true, inputIsText: false };
const GENERIC: ContentKeys = { input: ATTR_LLM_OTEL_INPUT, output: ATTR_LLM_OTEL_OUTPUT, messages: false, inputIsText: false };
const TOOL: ContentKeys = { input: ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, output: ATTR_GEN_AI_TOOL_CALL_RESULT, messages: false, inputIsText: false };
const RETRIEVAL: ContentKeys = {
  input: ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT, output: ATTR_GEN_AI_RETRIEVAL_DOCUMENTS, messages: false, inputIsText: true,
};

/** `{operation} {target}`, the GenAI conventions' span name pattern; the operation alone without a target. */
function genAiName(operation: string, target: string | undefined): string {
  return target ? `${operation} ${target}` : operation;
}

function withDefined(attributes: Attributes, extra: Record<string, string | undefined>): Attributes {
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) attributes[key] = String(value);
  return attributes;
}

/**
 * Maps a manual span onto the GenAI semantic conventions where they define the step:
 * - `agent` -> `invoke_agent {name}`, `gen_ai.agent.name` (INTERNAL: an agent in this process);
 * - `tool` -> `execute_tool {name}`, `gen_ai.tool.name` (INTERNAL, as the conventions say);
 * - `retrieval` -> `retrieval {data source}`, `gen_ai.data_source.id` (CLIENT);
 * - `embedding` -> `embeddings {model}` (CLIENT);
 * - `llm` -> `{operation} {model}`, `chat` unless told (CLIENT);
 * - `chain` -> `invoke_workflow {name}`, `gen_ai.workflow.name` (INTERNAL);
 * - `function`, `other` -> the name as given, no GenAI operation (INTERNAL).
 * `llm`/`embedding` without a `model` use the span's name in its place.
 * Every manual span also carries `llm_otel.span.kind`.
 */
export function manualSpanShape(name: string, kind: ManualSpanKind, options: SpanOptions): ManualSpanShape {
  const attributes: Attributes = { [ATTR_LLM_OTEL_SPAN_KIND]: kind };
  switch (kind) {
    case 'agent':
      withDefined(attributes, {
        [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
        [ATTR_GEN_AI_AGENT_NAME]: name,
        [ATTR_GEN_AI_AGENT_ID]: options.agentId,
        [ATTR_GEN_AI_AGENT_DESCRIPTION]: options.description,
      });
      return { name: genAiName(GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT, name), spanKind: SpanKind.INTERNAL, attributes, content: MESSAGES };
    case 'tool':
      withDefined(attributes, {
        [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
        [ATTR_GEN_AI_TOOL_NAME]: name,
        [ATTR_GEN_AI_TOOL_CALL_ID]: options.toolCallId,
        [ATTR_GEN_AI_TOOL_TYPE]: options.toolType,
        [ATTR_GEN_AI_TOOL_DESCRIPTION]: options.description,
      });
      return { name: genAiName(GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL, name), spanKind: SpanKind.INTERNAL, attributes, content: TOOL };
    case 'retrieval': {
      const dataSource = options.dataSourceId ?? name;
      withDefined(attributes, {
        [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_RETRIEVAL,
        [ATTR_GEN_AI_DATA_SOURCE_ID]: dataSource,
        [ATTR_GEN_AI_PROVIDER_NAME]: options.provider,
      });
      return { name: genAiName(GEN_AI_OPERATION_NAME_VALUE_RETRIEVAL, dataSource), spanKind: SpanKind.CLIENT, attributes, content: RETRIEVAL };
    }
    case 'embedding':
      withDefined(attributes, {
        [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS,
        [ATTR_GEN_AI_REQUEST_MODEL]: options.model,
        [ATTR_GEN_AI_PROVIDER_NAME]: options.provider,
      });
      return {
        name: genAiName(GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS, options.model ?? name),
        spanKind: SpanKind.CLIENT,
        attributes,
        content: GENERIC,
      };
    case 'llm': {
      const operation = options.operation ?? GEN_AI_OPERATION_NAME_VALUE_CHAT;
      withDefined(attributes, {
        [ATTR_GEN_AI_OPERATION_NAME]: operation,
        [ATTR_GEN_AI_REQUEST_MODEL]: options.model,
        [ATTR_GEN_AI_PROVIDER_NAME]: options.provider,
      });
      return { name: genAiName(operation, options.model ?? name), spanKind: SpanKind.CLIENT, attributes, content: MESSAGES };
    }
    case 'chain':
      withDefined(attributes, {
        [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
        [ATTR_GEN_AI_WORKFLOW_NAME]: name,
      });
      return { name: genAiName(GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW, name), spanKind: SpanKind.INTERNAL, attributes, content: MESSAGES };
    default:
      // `function`, `other`, and anything a JavaScript caller passes that is not a known kind.
      return { name, spanKind: SpanKind.INTERNAL, attributes, content: GENERIC };
  }
}
