import path from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, spanNamed, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { REPO_ROOT, runTracedApp, type AppRun } from '../helpers/run-traced-app.js';

/**
 * Runs each example the way its header says (`node --import ./register.js examples/<x>.mjs`,
 * against the in-process mock server) and checks the span tree it exports: names, nesting, user
 * and session on every span, and token counts equal to what the app itself was told.
 */

type Result = Record<string, unknown>;

interface ExampleRun {
  run: AppRun;
  spans: ReceivedSpan[];
  results: Result[];
}

async function runExample(receiver: OtlpReceiver, name: string, expectedSpans: number, env: Record<string, string> = {}): Promise<ExampleRun> {
  const before = receiver.spans.length;
  const run = await runTracedApp(path.join(REPO_ROOT, 'examples', `${name}.mjs`), {
    env: { OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`, ...env },
    timeoutMs: 30_000,
  });
  if (expectedSpans > 0) await receiver.waitForSpans((all) => all.length - before >= expectedSpans, 10_000).catch(() => undefined);
  return { run, spans: receiver.spans.slice(before), results: run.results as Result[] };
}

function roots(spans: ReceivedSpan[]): ReceivedSpan[] {
  return spans.filter((s) => s.parentSpanId === undefined);
}

function namesOf(spans: ReceivedSpan[]): string[] {
  return spans.map((s) => s.name);
}

function tokensOf(span: ReceivedSpan): [unknown, unknown] {
  return [span.attributes['gen_ai.usage.input_tokens'], span.attributes['gen_ai.usage.output_tokens']];
}

function gpt4oMiniPrice(span: ReceivedSpan): number {
  const [input, output] = tokensOf(span) as [number, number];
  return calcPrice({ input_tokens: input, output_tokens: output }, 'gpt-4o-mini', { providerId: 'openai' })!.total_price;
}

let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver({ port: 0 });
});

afterAll(async () => {
  await receiver?.close();
});

describe('examples/agent-loop.mjs', () => {
  let example: ExampleRun;

  beforeAll(async () => {
    example = await runExample(receiver, 'agent-loop', 10);
  }, 60_000);

  it('runs to its reply', () => {
    expect(example.run.code, example.run.stderr).toBe(0);
    expect(example.results.at(-1)).toEqual({ example: 'agent-loop', reply: expect.any(String) });
  });

  it('exports one trace: agent, tool calls, retrieval and LLM calls nested as they ran', () => {
    const { spans } = example;
    expect(spans).toHaveLength(10);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    const root = spanNamed(spans, 'travel-assistant');
    expect(namesOf(roots(spans))).toEqual(['travel-assistant']);
    expect(root.attributes['llm_otel.metadata.channel']).toBe('chat');
    const agent = spanNamed(spans, 'invoke_agent travel-planner');
    expect(namesOf(childrenOf(spans, root))).toEqual(['invoke_agent travel-planner']);
    expect(namesOf(childrenOf(spans, agent))).toEqual([
      'chat gpt-4o-mini',
      'execute_tool get_weather',
      'chat gpt-4o-mini',
      'execute_tool search_guides',
      'chat gpt-4o-mini',
      'chat gpt-4o-mini',
    ]);
    const search = spanNamed(spans, 'execute_tool search_guides');
    expect(namesOf(childrenOf(spans, search))).toEqual(['retrieval travel-guides']);
    const retrieval = spanNamed(spans, 'retrieval travel-guides');
    expect(namesOf(childrenOf(spans, retrieval))).toEqual(['embeddings text-embedding-3-small']);
    expect(spanNamed(spans, 'execute_tool get_weather').attributes['gen_ai.tool.call.id']).toBe('call_plan_0');
    expect(search.attributes['gen_ai.tool.call.id']).toBe('call_plan_1');
  });

  it('puts user, session and tags on every span, the automatic LLM spans included', () => {
    for (const span of example.spans) {
      expect(
        [span.attributes['user.id'], span.attributes['session.id'], span.attributes['llm_otel.tags']],
        span.name,
      ).toEqual(['user-7f3a', 'session-2024-06-01-001', ['example', 'agent']]);
    }
  });

  it('has the tokens the app was told on each LLM span, the stream last, and their cost', () => {
    const agent = spanNamed(example.spans, 'invoke_agent travel-planner');
    const chats = childrenOf(example.spans, agent).filter((s) => s.name === 'chat gpt-4o-mini');
    const told = example.results.filter((r) => r.call === 'chat').map((r) => [r.prompt_tokens, r.completion_tokens]);
    expect(told).toHaveLength(4);
    expect(chats.map(tokensOf)).toEqual(told);
    expect(chats.map((s) => s.attributes['gen_ai.request.stream'])).toEqual([undefined, undefined, undefined, true]);
    expect(typeof chats[3]!.attributes['gen_ai.response.time_to_first_chunk']).toBe('number');
    for (const chat of chats) expect(chat.attributes['llm_otel.cost.usd']).toBe(gpt4oMiniPrice(chat));
    const embeddings = spanNamed(example.spans, 'embeddings text-embedding-3-small');
    expect(embeddings.attributes['gen_ai.usage.input_tokens']).toBe(example.results.find((r) => r.call === 'embeddings')!.prompt_tokens);
  });
});

describe('examples/batch-job.mjs', () => {
  let example: ExampleRun;

  beforeAll(async () => {
    example = await runExample(receiver, 'batch-job', 14);
  }, 60_000);

  it('runs every ticket, one failing', () => {
    expect(example.run.code, example.run.stderr).toBe(0);
    expect(example.results.at(-1)).toMatchObject({ example: 'batch-job', done: 6, failed: 1 });
  });

  it('exports one trace with a span per ticket, each holding its LLM call', () => {
    const { spans } = example;
    expect(spans).toHaveLength(14);
    const root = spanNamed(spans, 'nightly-ticket-summaries');
    expect(namesOf(roots(spans))).toEqual(['nightly-ticket-summaries']);
    expect(root.attributes).toMatchObject({ 'llm_otel.metadata.tickets': 7, 'llm_otel.metadata.concurrency': 3 });
    const tickets = childrenOf(spans, root);
    expect(namesOf(tickets).sort()).toEqual(['T-101', 'T-102', 'T-103', 'T-104', 'T-105', 'T-106', 'T-107'].map((t) => `summarize ${t}`));
    for (const ticket of tickets) {
      const id = ticket.name.slice('summarize '.length);
      const children = childrenOf(spans, ticket);
      if (id === 'T-103') {
        expect(children).toEqual([]);
        expect(ticket.status.code).toBe(2);
        expect(ticket.attributes['error.type']).toBe('EmptyTicketError');
        continue;
      }
      expect(namesOf(children), id).toEqual(['chat gpt-4o-mini']);
      const told = example.results.find((r) => r.ticket === id)!;
      expect(tokensOf(children[0]!), id).toEqual([told.prompt_tokens, told.completion_tokens]);
      expect(ticket.status.code, id).toBe(0);
    }
  });

  it('puts the run as user and session on every span', () => {
    const runId = example.results.at(-1)!.runId;
    expect(typeof runId).toBe('string');
    for (const span of example.spans) {
      expect([span.attributes['user.id'], span.attributes['session.id']], span.name).toEqual(['svc-batch', runId]);
    }
  });
});

describe('examples/web-handler.mjs', () => {
  let example: ExampleRun;

  beforeAll(async () => {
    example = await runExample(receiver, 'web-handler', 12);
  }, 60_000);

  it('answers every request', () => {
    expect(example.run.code, example.run.stderr).toBe(0);
    expect(example.results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('exports one trace per request: handler, agent, LLM call, all with the caller user and session', () => {
    const { spans } = example;
    expect(spans).toHaveLength(12);
    const requestRoots = roots(spans);
    expect(namesOf(requestRoots)).toEqual(['POST /ask', 'POST /ask', 'POST /ask', 'POST /ask']);
    const seen: string[] = [];
    for (const root of requestRoots) {
      const tree = spans.filter((s) => s.traceId === root.traceId);
      expect(tree).toHaveLength(3);
      const [agent] = childrenOf(spans, root);
      expect(agent!.name).toBe('invoke_agent answer');
      const [llm] = childrenOf(spans, agent!);
      expect(llm!.name).toBe('chat gpt-4o-mini');
      const user = root.attributes['user.id'];
      const session = root.attributes['session.id'];
      for (const span of tree) expect([span.attributes['user.id'], span.attributes['session.id']], span.name).toEqual([user, session]);
      seen.push(JSON.stringify([user, session, ...tokensOf(llm!)]));
    }
    const told = example.results.map((r) => JSON.stringify([r.user, r.session, r.prompt_tokens, r.completion_tokens]));
    expect(seen.sort()).toEqual(told.sort());
  });
});

describe('examples/own-sdk.mjs (its own OpenTelemetry SDK, no --import)', () => {
  let example: ExampleRun;

  beforeAll(async () => {
    const before = receiver.spans.length;
    const run = await runTracedApp(path.join(REPO_ROOT, 'examples', 'own-sdk.mjs'), {
      env: { OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}` },
      traced: false,
      timeoutMs: 30_000,
    });
    await receiver.waitForSpans((all) => all.length - before >= 3, 10_000).catch(() => undefined);
    example = { run, spans: receiver.spans.slice(before), results: run.results as Result[] };
  }, 60_000);

  it('nests the LLM span under the manual spans, with user, session, tokens and cost', () => {
    expect(example.run.code, example.run.stderr).toBe(0);
    const { spans } = example;
    expect(spans).toHaveLength(3);
    const root = spanNamed(spans, 'support-chat');
    const agent = spanNamed(spans, 'invoke_agent support-agent');
    const llm = spanNamed(spans, 'chat gpt-4o-mini');
    expect(agent.parentSpanId).toBe(root.spanId);
    expect(llm.parentSpanId).toBe(agent.spanId);
    for (const span of spans) {
      expect([span.attributes['user.id'], span.attributes['session.id']], span.name).toEqual(['user-own-sdk', 'session-own-sdk']);
    }
    const told = example.results[0]!;
    expect(tokensOf(llm)).toEqual([told.prompt_tokens, told.completion_tokens]);
    expect(llm.attributes['llm_otel.cost.usd']).toBe(gpt4oMiniPrice(llm));
    expect(root.resource['llm_otel.cost.price_table']).toMatch(/^@pydantic\/genai-prices@/);
  });

  it('records the GenAI token metrics from the listener', () => {
    const usage = receiver.metrics.filter((m) => m.name === 'gen_ai.client.token.usage' && m.resource['service.name'] === 'own-sdk-example');
    expect(usage).toHaveLength(1);
    const told = example.results[0]!;
    const sums = Object.fromEntries(
      (usage[0]!.dataPoints as Array<{ attributes: Record<string, unknown>; sum?: number }>).map((p) => [p.attributes['gen_ai.token.type'], p.sum]),
    );
    expect(sums).toEqual({ input: told.prompt_tokens, output: told.completion_tokens });
  });
});

describe('tracing off', () => {
  it.each([
    ['TRACING_ENABLED=false', { TRACING_ENABLED: 'false' }],
    ['OTEL_SDK_DISABLED=true', { OTEL_SDK_DISABLED: 'true' }],
  ])('%s: the agent example runs the same and exports nothing', async (_label, env) => {
    const spansBefore = receiver.spans.length;
    const metricsBefore = receiver.metrics.length;
    const example = await runExample(receiver, 'agent-loop', 0, env);
    expect(example.run.code, example.run.stderr).toBe(0);
    expect(example.results.filter((r) => r.call === 'chat')).toHaveLength(4);
    expect(example.results.at(-1)).toEqual({ example: 'agent-loop', reply: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.spans.length - spansBefore).toBe(0);
    expect(receiver.metrics.length - metricsBefore).toBe(0);
  }, 60_000);
});
