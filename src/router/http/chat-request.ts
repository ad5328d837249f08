/**
 * The parts of an OpenAI chat completions request the router reads. The body is kept as the
 * client sent it (a plain object) and only `model` (and, by plugins, `messages`) is replaced, so
 * every parameter the router does not know reaches the backend unchanged.
 */

export interface ChatMessage {
  readonly role?: unknown;
  readonly content?: unknown;
}

export interface ChatRequest {
  readonly body: Readonly<Record<string, unknown>>;
  readonly model: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly messages: readonly ChatMessage[];
}

/** A request the router refuses with 400, with the OpenAI error's `param` and message. */
export interface InvalidRequest {
  readonly param: string | null;
  readonly message: string;
}

export function parseJsonBody(bytes: Buffer): Record<string, unknown> | InvalidRequest {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { param: null, message: `The request body is not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { param: null, message: 'The request body must be a JSON object.' };
  }
  return value as Record<string, unknown>;
}

export function isInvalid(value: unknown): value is InvalidRequest {
  return typeof value === 'object' && value !== null && 'message' in value && 'param' in value && !('model' in value);
}

export function parseChatRequest(body: Record<string, unknown>): ChatRequest | InvalidRequest {
  if (typeof body.model !== 'string' || body.model === '') {
    return { param: 'model', message: "'model' is required: a configured model name or 'auto'." };
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { param: 'messages', message: "'messages' must be a non-empty array." };
  }
  if (body.messages.some((m) => m === null || typeof m !== 'object')) {
    return { param: 'messages', message: "Each entry of 'messages' must be an object." };
  }
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
  return {
    body,
    model: body.model,
    stream: body.stream === true,
    includeUsage: streamOptions?.include_usage === true,
    messages: body.messages as ChatMessage[],
  };
}

/** Text of a message's content: a string, or the `text` parts of a content array. */
function messageText(message: ChatMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .filter(Boolean)
    .join('\n');
}

/**
 * What signals classify: the last user message, the question being asked now (earlier turns would
 * let an old topic keep routing a conversation that has moved on).
 */
export function queryText(request: ChatRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i -= 1) {
    if (request.messages[i]!.role === 'user') return messageText(request.messages[i]!);
  }
  return '';
}
