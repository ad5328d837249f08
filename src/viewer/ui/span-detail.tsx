import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';

import type { ViewSpan } from '../api-types.js';
import { ChatTranscript } from './chat-transcript.js';
import { DecisionCard } from './decision-card.js';
import { formatDuration, formatValue } from './format.js';
import { groupAttributes, isGenAiSpan } from './genai-attribute-groups.js';
import { isDecisionKey, routerDecision } from './router-decision.js';

const KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_NAMES = ['unset', 'ok', 'error'];

export const kindName = (kind: number) => KIND_NAMES[kind] ?? String(kind);

function Entries({ entries }: { entries: Array<[string, unknown]> }) {
  return (
    <table class="attributes">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th>{key}</th>
            <td>{formatValue(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SpanDetail({ span }: { span: ViewSpan }) {
  const decision = routerDecision(span.name, span.attributes);
  const groups = groupAttributes(span.attributes, (key) => decision !== undefined && isDecisionKey(key));
  const genAi = isGenAiSpan(span.attributes);
  return (
    <aside class="span-detail" data-testid="span-detail">
      <h2>
        {span.name} {genAi && <span class="badge genai">GenAI</span>}
      </h2>
      <p class="muted">
        {span.service} · {kindName(span.kind)} · {formatDuration(span.durationUs / 1000)} · span {span.spanId}
      </p>
      {span.status.code === 2 && (
        <section class="error-box" data-testid="span-error">
          <h3>Error</h3>
          {span.attributes[ATTR_ERROR_TYPE] !== undefined && <p>type: {formatValue(span.attributes[ATTR_ERROR_TYPE])}</p>}
          {span.status.message && <pre class="text">{span.status.message}</pre>}
        </section>
      )}
      {decision && <DecisionCard decision={decision} />}
      {genAi && <ChatTranscript attributes={span.attributes} />}
      {groups.map((group) => (
        <section key={group.title} class="group" data-group={group.title}>
          <h3>{group.title}</h3>
          <Entries entries={group.entries} />
        </section>
      ))}
      {span.events.length > 0 && (
        <section class="group">
          <h3>Events</h3>
          {span.events.map((event, index) => (
            <div key={index}>
              <strong>{event.name}</strong> <span class="muted">+{formatDuration((event.timeUs - span.startUs) / 1000)}</span>
              <Entries entries={Object.entries(event.attributes)} />
            </div>
          ))}
        </section>
      )}
      <section class="group">
        <h3>Status</h3>
        <p>{STATUS_NAMES[span.status.code] ?? span.status.code}</p>
      </section>
      <details class="group">
        <summary>Resource and scope</summary>
        <Entries entries={[...Object.entries(span.resource), ['otel.scope.name', span.scope.name], ...(span.scope.version ? [['otel.scope.version', span.scope.version] as [string, string]] : [])]} />
      </details>
    </aside>
  );
}
