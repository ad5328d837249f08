import { useEffect, useState } from 'preact/hooks';

import type { TasksAnswer } from '../api-types.js';
import { api } from './api-client.js';
import { formatCost, formatCount } from './format.js';
import { traceHref } from './router.js';

export function TasksPage() {
  const [answer, setAnswer] = useState<TasksAnswer | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api.tasks().then(setAnswer, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p class="error-text">{error}</p>;
  if (!answer) return <p>Loading…</p>;
  return (
    <section class="tasks-page">
      <p class="muted">
        The newest {formatCount(answer.callsConsidered)} LLM calls, grouped by prompt template: calls whose messages differ only in their variable parts
        (marked <span class="variable">{'{1}'}</span>) are one task. Without captured content, calls are grouped by span name, model and tool set.
      </p>
      {answer.tasks.length === 0 && <p class="empty">No LLM calls yet.</p>}
      {answer.tasks.map((task, index) => (
        <article class="task" key={index} data-testid="task">
          <header>
            <strong>{task.basis === 'content' ? `task ${index + 1}` : task.label}</strong>
            <span class="muted">
              {' '}
              · {formatCount(task.calls)} calls · {task.models.join(', ')} · tokens {formatCount(task.inputTokens)} in / {formatCount(task.outputTokens)} out
              {task.costUsd ? ` · ${formatCost(task.costUsd)}` : ''}
            </span>
          </header>
          {task.template.map((message, k) => (
            <div class="template-message" key={k}>
              <span class="role">{message.role}</span>
              <pre class="text">
                {message.parts.map((part, p) =>
                  'text' in part ? (
                    <span key={p}>{part.text}</span>
                  ) : (
                    <span key={p} class="variable">{`{${part.variable}}`}</span>
                  ),
                )}
              </pre>
            </div>
          ))}
          <p class="examples">
            examples:{' '}
            {task.examples.map((example) => (
              <a key={example.spanId} href={traceHref(example.traceId, example.spanId)}>
                {example.traceId.slice(0, 8)}{' '}
              </a>
            ))}
          </p>
        </article>
      ))}
    </section>
  );
}
