import { asArray, asObject, asString, type JsonObject } from '../json-fields.js';

/**
 * Anthropic content blocks -> the GenAI conventions' message parts
 * ({ role, parts: [{ type: 'text' | 'tool_call' | 'tool_call_response' | 'blob' | 'uri' | 'file' | 'reasoning', ... }] }).
 * Only called when content capture is on.
 */

/** An image's `source` (base64 bytes, a URL or an uploaded file) -> a blob, uri or file part. */
function imagePart(source: JsonObject | undefined): unknown {
  const kind = asString(source?.type);
  if (kind === 'base64') {
    return { type: 'blob', modality: 'image', mime_type: asString(source?.media_type), content: asString(source?.data) ?? '' };
  }
  if (kind === 'url') return { type: 'uri', modality: 'image', uri: asString(source?.url) ?? '' };
  if (kind === 'file') return { type: 'file', modality: 'image', file_id: asString(source?.file_id) ?? '' };
  return { type: 'image' };
}

/**
 * One content block -> one part (unknown block types keep just their type). Claude on Bedrock
 * sends the same blocks, so the Bedrock invoke parser uses this too.
 */
export function anthropicBlockPart(block: JsonObject): unknown {
  const type = asString(block.type);
  switch (type) {
    case 'text':
      return { type: 'text', content: asString(block.text) ?? '' };
    case 'image':
      return imagePart(asObject(block.source));
    case 'tool_use':
    case 'server_tool_use':
      return { type: 'tool_call', id: asString(block.id), name: asString(block.name), arguments: block.input };
    case 'tool_result':
      return { type: 'tool_call_response', id: asString(block.tool_use_id), response: block.content };
    case 'thinking':
      return { type: 'reasoning', content: asString(block.thinking) ?? '' };
    default:
      return { type: type ?? 'unknown' };
  }
}

/** `content` as Anthropic sends it: a plain string or a list of blocks. */
export function contentParts(content: unknown): unknown[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  const parts: unknown[] = [];
  for (const item of asArray(content) ?? []) {
    const block = asObject(item);
    if (block) parts.push(anthropicBlockPart(block));
  }
  return parts;
}

/**
 * Messages API `messages` -> gen_ai.input.messages. Anthropic returns tool results inside a
 * `user` turn; the conventions give such a turn the `tool` role, so a user turn holding only
 * tool results is reported as one.
 */
export function anthropicInputMessages(messages: unknown): unknown[] {
  const out: unknown[] = [];
  for (const item of asArray(messages) ?? []) {
    const message = asObject(item);
    if (!message) continue;
    const parts = contentParts(message.content);
    const onlyToolResults =
      parts.length > 0 && parts.every((p) => (p as { type?: string }).type === 'tool_call_response');
    const role = asString(message.role) ?? 'user';
    out.push({ role: role === 'user' && onlyToolResults ? 'tool' : role, parts });
  }
  return out;
}

/** `system` (a string or a list of text blocks) -> gen_ai.system_instructions. */
export function anthropicSystemInstructions(system: unknown): unknown[] | undefined {
  if (system === undefined || system === null) return undefined;
  const parts = contentParts(system);
  return parts.length > 0 ? parts : undefined;
}

/**
 * `tools` -> gen_ai.tool.definitions. Client tools carry an `input_schema`; server tools
 * (web search, code execution, ...) are named by their versioned `type`.
 */
export function anthropicToolDefinitions(tools: unknown): unknown[] | undefined {
  const out: unknown[] = [];
  for (const item of asArray(tools) ?? []) {
    const tool = asObject(item);
    if (!tool) continue;
    const type = asString(tool.type);
    out.push(
      tool.input_schema !== undefined || type === undefined || type === 'custom'
        ? { type: 'function', name: tool.name, description: tool.description, parameters: tool.input_schema }
        : { type, name: tool.name },
    );
  }
  return out.length > 0 ? out : undefined;
}

/** A response message's `content` blocks -> one output message. */
export function anthropicOutputMessage(content: unknown, stopReason: unknown): unknown {
  return { role: 'assistant', parts: contentParts(content), finish_reason: stopReason ?? undefined };
}
