import { asArray, asBoolean, asObject, asString, type JsonObject } from '../json-fields.js';

/**
 * Gemini / Vertex AI `Content` and `Part` -> the GenAI conventions' message shape. The REST API
 * reads both lowerCamelCase and snake_case field names (proto JSON), so both are read here.
 * Only called when content capture is on.
 */

/** `field` in either spelling, e.g. `pick(part, 'inlineData', 'inline_data')`. */
export function pick(object: JsonObject | undefined, camel: string, snake: string): unknown {
  return object?.[camel] ?? object?.[snake];
}

function modalityOf(mimeType: string | undefined): string | undefined {
  const major = mimeType?.split('/', 1)[0];
  return major === 'image' || major === 'video' || major === 'audio' ? major : undefined;
}

/** One Part -> one conventions part (unknown kinds keep the name of their field). */
export function googlePart(part: JsonObject): unknown {
  const text = asString(part.text);
  if (text !== undefined) return asBoolean(part.thought) ? { type: 'reasoning', content: text } : { type: 'text', content: text };
  const call = asObject(pick(part, 'functionCall', 'function_call'));
  if (call) return { type: 'tool_call', id: asString(call.id), name: asString(call.name), arguments: call.args };
  const response = asObject(pick(part, 'functionResponse', 'function_response'));
  if (response) return { type: 'tool_call_response', id: asString(response.id), response: response.response };
  const inline = asObject(pick(part, 'inlineData', 'inline_data'));
  if (inline) {
    const mimeType = asString(pick(inline, 'mimeType', 'mime_type'));
    return { type: 'blob', modality: modalityOf(mimeType), mime_type: mimeType, content: asString(inline.data) ?? '' };
  }
  const file = asObject(pick(part, 'fileData', 'file_data'));
  if (file) {
    const mimeType = asString(pick(file, 'mimeType', 'mime_type'));
    return { type: 'uri', modality: modalityOf(mimeType), mime_type: mimeType, uri: asString(pick(file, 'fileUri', 'file_uri')) ?? '' };
  }
  const kind = Object.keys(part).find((key) => key !== 'thoughtSignature' && key !== 'thought_signature');
  return { type: kind ?? 'unknown' };
}

function googleParts(parts: unknown): unknown[] {
  const out: unknown[] = [];
  for (const item of asArray(parts) ?? []) {
    const part = asObject(item);
    if (part) out.push(googlePart(part));
  }
  return out;
}

/**
 * `contents` -> gen_ai.input.messages. Gemini calls the assistant `model` and returns function
 * results in a `user` turn; the conventions name these `assistant` and `tool`.
 */
export function googleInputMessages(contents: unknown): unknown[] {
  const list = Array.isArray(contents) ? contents : contents === undefined ? [] : [contents];
  const out: unknown[] = [];
  for (const item of list) {
    const content = typeof item === 'string' ? { role: 'user', parts: [{ text: item }] } : asObject(item);
    if (!content) continue;
    const parts = googleParts(content.parts);
    const onlyResponses = parts.length > 0 && parts.every((p) => (p as { type?: string }).type === 'tool_call_response');
    const role = asString(content.role);
    out.push({ role: role === 'model' ? 'assistant' : onlyResponses || role === 'function' ? 'tool' : (role ?? 'user'), parts });
  }
  return out;
}

/** `systemInstruction` (a Content, or a bare string) -> gen_ai.system_instructions. */
export function googleSystemInstructions(instruction: unknown): unknown[] | undefined {
  if (typeof instruction === 'string') return [{ type: 'text', content: instruction }];
  const parts = googleParts(asObject(instruction)?.parts);
  return parts.length > 0 ? parts : undefined;
}

/**
 * `tools` -> gen_ai.tool.definitions: each function declaration, and each built-in tool
 * (`googleSearch`, `codeExecution`, ...) by its field name.
 */
export function googleToolDefinitions(tools: unknown): unknown[] | undefined {
  const out: unknown[] = [];
  for (const item of asArray(tools) ?? []) {
    const tool = asObject(item);
    if (!tool) continue;
    for (const [key, value] of Object.entries(tool)) {
      if (key === 'functionDeclarations' || key === 'function_declarations') {
        for (const declaration of asArray(value) ?? []) {
          const fn = asObject(declaration);
          if (!fn) continue;
          const parameters = fn.parameters ?? pick(fn, 'parametersJsonSchema', 'parameters_json_schema');
          out.push({ type: 'function', name: fn.name, description: fn.description, parameters });
        }
      } else {
        out.push({ type: key });
      }
    }
  }
  return out.length > 0 ? out : undefined;
}
