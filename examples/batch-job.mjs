// A batch job: summarize a queue of support tickets, three at a time, under one trace per run.
// Each ticket is a `function` span with its LLM call inside; a ticket that cannot be processed is
// marked failed with `setError` and the job goes on. Tags and metadata describe the run.
//
//   npm run build && node --import ./register.js examples/batch-job.mjs
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { span, trace } from 'llm-otel';
import { llmEndpoint } from './llm-endpoint.mjs';

const MODEL = 'gpt-4o-mini';
const CONCURRENCY = 3;

const TICKETS = [
  { id: 'T-101', text: 'The export button does nothing on Safari.' },
  { id: 'T-102', text: 'Invoices for March show the wrong VAT rate.' },
  { id: 'T-103', text: '' },
  { id: 'T-104', text: 'Please add dark mode to the dashboard.' },
  { id: 'T-105', text: 'Password reset emails arrive after an hour.' },
  { id: 'T-106', text: 'The mobile app logs me out every day.' },
  { id: 'T-107', text: 'CSV import fails on files with a BOM.' },
];

const endpoint = await llmEndpoint();
const client = new OpenAI({ apiKey: endpoint.apiKey, baseURL: endpoint.baseURL, maxRetries: 0 });

function report(fields) {
  console.log(JSON.stringify({ example: 'batch-job', ...fields }));
}

class EmptyTicketError extends Error {
  name = 'EmptyTicketError';
}

async function summarize(ticket) {
  return span(`summarize ${ticket.id}`, 'function', { input: ticket.text, metadata: { ticket: ticket.id } }, async (item) => {
    if (!ticket.text.trim()) throw new EmptyTicketError(`ticket ${ticket.id} has no text`);
    // Spread the calls a little, as a rate limiter would.
    await new Promise((resolve) => setTimeout(resolve, 3 * (Number(ticket.id.slice(2)) % 4)));
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Summarize the ticket in five words.' },
        { role: 'user', content: ticket.text },
      ],
      max_tokens: 5,
    });
    const summary = completion.choices[0].message.content;
    item.setOutput(summary);
    report({ ticket: ticket.id, prompt_tokens: completion.usage.prompt_tokens, completion_tokens: completion.usage.completion_tokens });
    return summary;
  });
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool(items, limit, work) {
  const queue = [...items];
  const results = [];
  const workers = Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item; item = queue.shift()) results.push(await work(item));
  });
  await Promise.all(workers);
  return results;
}

const runId = randomUUID();
const outcome = await trace(
  'nightly-ticket-summaries',
  { userId: 'svc-batch', sessionId: runId, tags: ['example', 'batch'], metadata: { tickets: TICKETS.length, concurrency: CONCURRENCY } },
  async (job) => {
    const results = await pool(TICKETS, CONCURRENCY, async (ticket) => {
      try {
        return { id: ticket.id, summary: await summarize(ticket) };
      } catch (error) {
        // The ticket's span already records the error; the job carries on with the rest.
        return { id: ticket.id, error: error.name };
      }
    });
    const failed = results.filter((r) => r.error).length;
    job.setOutput({ done: results.length - failed, failed });
    return { done: results.length - failed, failed };
  },
);

report({ runId, ...outcome });
await endpoint.close();
