import { ATTR_GEN_AI_INPUT_MESSAGES, ATTR_GEN_AI_OUTPUT_MESSAGES, ATTR_GEN_AI_SYSTEM_INSTRUCTIONS, ATTR_GEN_AI_TOOL_DEFINITIONS } from '../../semconv.js';
import { parseMessages, parseSystemInstructions, toolNames, type ChatMessage, type MessagePart } from '../genai-messages.js';
import type { ReceivedAttributes } from '../received-telemetry.js';

// Every text below is a child string of an element, which Preact sets as text (never as HTML).
function Part({ part }: { part: MessagePart }) {
  switch (part.type) {
    case 'text':
      return <pre class="text">{part.content}</pre>;
    case 'tool_call':
      return (
        <div class="tool-call">
          <span class="badge">tool call</span> <strong>{part.name}</strong>
          {part.id && <span class="muted"> {part.id}</span>}
          <pre>{part.arguments}</pre>
        </div>
      );
    case 'tool_call_response':
      return (
        <div class="tool-result">
          <span class="badge">tool result</span>
          {part.id && <span class="muted"> {part.id}</span>}
          <pre>{part.response}</pre>
        </div>
      );
    default:
      return (
        <div class="other-part">
          <span class="badge">{part.kind}</span>
          <pre>{part.content}</pre>
        </div>
      );
  }
}

function Message({ message, output }: { message: ChatMessage; output?: boolean }) {
  return (
    <div class={`message role-${message.role.replace(/[^a-z_]/gi, '')}${output ? ' output' : ''}`} data-role={message.role}>
      <div class="role">
        {message.role}
        {message.finishReason && <span class="muted"> · finish: {message.finishReason}</span>}
      </div>
      {message.parts.map((part, index) => (
        <Part key={index} part={part} />
      ))}
    </div>
  );
}

/** The captured messages of a GenAI span as a chat; nothing when content was not captured. */
export function ChatTranscript({ attributes }: { attributes: ReceivedAttributes }) {
  const system = parseSystemInstructions(attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS]);
  const input = parseMessages(attributes[ATTR_GEN_AI_INPUT_MESSAGES]);
  const output = parseMessages(attributes[ATTR_GEN_AI_OUTPUT_MESSAGES]);
  const tools = toolNames(attributes[ATTR_GEN_AI_TOOL_DEFINITIONS]);
  if (!system && input.length === 0 && output.length === 0) {
    const unreadable = [ATTR_GEN_AI_INPUT_MESSAGES, ATTR_GEN_AI_OUTPUT_MESSAGES].some((key) => key in attributes);
    return unreadable ? <p class="muted">Captured content could not be read (cut at the size cap?).</p> : null;
  }
  return (
    <section class="transcript" data-testid="transcript">
      <h3>Transcript</h3>
      {tools.length > 0 && <p class="muted">tools offered: {tools.join(', ')}</p>}
      {system && <Message message={system} />}
      {input.map((message, index) => (
        <Message key={`in${index}`} message={message} />
      ))}
      {output.map((message, index) => (
        <Message key={`out${index}`} message={message} output />
      ))}
    </section>
  );
}
