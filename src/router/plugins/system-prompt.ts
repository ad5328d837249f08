import type { ChatMessage } from '../http/chat-request.js';
import type { SystemPromptPlugin } from '../config/router-config.js';

/**
 * The `system_prompt` plugin: `replace` puts the decision's prompt in place of the request's
 * system message (or first, when there is none); `insert` puts it before the request's own system
 * text, keeping both.
 */
export function withSystemPrompt(messages: readonly ChatMessage[], plugin: SystemPromptPlugin): ChatMessage[] {
  const index = messages.findIndex((m) => m.role === 'system' || m.role === 'developer');
  if (index === -1) return [{ role: 'system', content: plugin.systemPrompt }, ...messages];
  const existing = messages[index]!;
  const content =
    plugin.mode === 'replace' || typeof existing.content !== 'string'
      ? plugin.systemPrompt
      : `${plugin.systemPrompt}\n\n${existing.content}`;
  return messages.map((message, i) => (i === index ? { ...message, content } : message));
}
