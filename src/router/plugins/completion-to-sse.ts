/**
 * A cached chat.completion replayed as the stream a streamed request expects: per choice a role
 * and content chunk, then its finish reason; the usage chunk when the client asked for it
 * (`stream_options.include_usage`); then `data: [DONE]`, as the OpenAI API ends a stream.
 */
export function completionToSse(completion: Readonly<Record<string, unknown>>, includeUsage: boolean): string {
  const base = { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model };
  const event = (choices: unknown[], extra: object = {}) => `data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`;
  let text = '';
  const choices = (completion.choices as Array<{ index?: number; message?: { role?: string; content?: unknown }; finish_reason?: unknown }>) ?? [];
  for (const choice of choices) {
    const index = choice.index ?? 0;
    text += event([{ index, delta: { role: choice.message?.role ?? 'assistant', content: choice.message?.content ?? '' }, finish_reason: null }]);
    text += event([{ index, delta: {}, finish_reason: choice.finish_reason ?? 'stop' }]);
  }
  if (includeUsage && completion.usage !== undefined) text += event([], { usage: completion.usage });
  return `${text}data: [DONE]\n\n`;
}
