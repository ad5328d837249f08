import type { RouterDecision } from './router-decision.js';

/** A router decision span, read as a decision: which route, how sure, which model, why. */
export function DecisionCard({ decision }: { decision: RouterDecision }) {
  const percent = decision.confidence === undefined ? undefined : Math.round(Math.min(1, Math.max(0, decision.confidence)) * 100);
  return (
    <section class="decision" data-testid="decision">
      <h3>Router decision</h3>
      <dl>
        {decision.name !== undefined && (
          <>
            <dt>decision</dt>
            <dd class="decision-name">{decision.name}</dd>
          </>
        )}
        {percent !== undefined && (
          <>
            <dt>confidence</dt>
            <dd>
              <span class="meter" aria-label={`confidence ${percent}%`}>
                <span style={{ width: `${percent}%` }} />
              </span>{' '}
              {decision.confidence!.toFixed(2)}
            </dd>
          </>
        )}
        {decision.selectedModel !== undefined && (
          <>
            <dt>selected model</dt>
            <dd class="decision-model">{decision.selectedModel}</dd>
          </>
        )}
        {decision.reason !== undefined && (
          <>
            <dt>reason</dt>
            <dd>{decision.reason}</dd>
          </>
        )}
        {decision.details.map(([key, value]) => (
          <>
            <dt key={`k${key}`}>{key}</dt>
            <dd key={`v${key}`}>{value}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}
