import type { ReceivedSpan } from './otlp-receiver.js';
import type { Fixture } from './fixtures.js';

/** One expected field of a fixture checked against the span. */
export interface FieldCheck {
  field: string;
  attribute: string;
  expected: unknown;
  actual: unknown;
  pass: boolean;
}

/**
 * Fixture `expected` keys -> span attributes. A `null` (or empty finish reasons) means the
 * recording has no such value, so the attribute must be absent: a span must not invent one.
 */
const FIELD_TO_ATTRIBUTE: ReadonlyArray<readonly [string, string]> = [
  ['operation', 'gen_ai.operation.name'],
  ['model_request', 'gen_ai.request.model'],
  ['model_response', 'gen_ai.response.model'],
  ['response_id', 'gen_ai.response.id'],
  ['input_tokens', 'gen_ai.usage.input_tokens'],
  ['output_tokens', 'gen_ai.usage.output_tokens'],
  ['finish_reasons', 'gen_ai.response.finish_reasons'],
  ['cached_input_tokens', 'gen_ai.usage.cache_read.input_tokens'],
  ['cache_read_input_tokens', 'gen_ai.usage.cache_read.input_tokens'],
  ['cache_creation_input_tokens', 'gen_ai.usage.cache_creation.input_tokens'],
  ['reasoning_tokens', 'gen_ai.usage.reasoning.output_tokens'],
  ['error_type', 'error.type'],
];

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

/**
 * The fixture records raw provider values; the conventions type two of them as strings, and the
 * span carries their text: a numeric id (AI21 on Bedrock) and integer finish reasons (Vertex
 * with `enum-encoding=int`, `1` = STOP).
 */
function asExported(field: string, value: unknown): unknown {
  if (field === 'response_id' && typeof value === 'number') return String(value);
  if (field === 'finish_reasons' && Array.isArray(value)) return value.map((reason) => String(reason));
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every expected value of `fixture` checked against `span`. `provider` is the expected
 * `gen_ai.provider.name`: the fixture's own, unless the replay went to a host that cannot tell it.
 */
export function checkFixtureSpan(fixture: Fixture, span: ReceivedSpan, provider: string = fixture.provider): FieldCheck[] {
  const checks: FieldCheck[] = [];
  const expected = fixture.expected as Record<string, unknown>;
  const add = (field: string, attribute: string, want: unknown, got: unknown) =>
    checks.push({ field, attribute, expected: want, actual: got, pass: same(normalise(want), normalise(got)) });
  add('provider', 'gen_ai.provider.name', provider, span.attributes['gen_ai.provider.name']);
  for (const [field, attribute] of FIELD_TO_ATTRIBUTE) {
    if (!(field in expected)) continue;
    const want = asExported(field, expected[field]);
    add(field, attribute, want, span.attributes[attribute]);
  }
  if ('error_message' in expected) {
    add('error_message', 'status.message', expected.error_message, span.status.message);
  }
  add('http_status', 'http.response.status_code', fixture.response.status, span.attributes['http.response.status_code']);
  add('stream', 'gen_ai.request.stream', fixture.stream || undefined, span.attributes['gen_ai.request.stream']);
  const isError = fixture.response.status >= 400;
  add('span_status', 'status.code', isError ? 2 : 0, span.status.code);
  return checks;
}

/** A readable line per failed check, for assertion messages. */
export function describeFailures(fixture: string, checks: FieldCheck[]): string[] {
  return checks
    .filter((c) => !c.pass)
    .map((c) => `${fixture}: ${c.field} (${c.attribute}) expected ${JSON.stringify(c.expected)} got ${JSON.stringify(c.actual)}`);
}
