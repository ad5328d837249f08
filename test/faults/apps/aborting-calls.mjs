// An app that gives up on LLM calls at every point one can: before the response headers, in the
// middle of a stream (AbortController, break, reader.cancel(), req/res.destroy()), and after the
// end. Each scenario reports what the app itself observed; the test compares traced and untraced
// runs and reads the spans. Env: SERVER (base URL ending in /v1), SECRET_HEADERS (JSON).
// Prints { scenario, outcome } per scenario, then { resources, problems }.
import { getEventListeners } from 'node:events';
import http from 'node:http';
import OpenAI from 'openai';

const server = process.env.SERVER;
const secretHeaders = JSON.parse(process.env.SECRET_HEADERS ?? '{}');
const url = (behaviour) => `${server}/${behaviour}/chat/completions`;
const requestBody = (stream) =>
  JSON.stringify({ model: 'fault-model', messages: [{ role: 'user', content: 'count slowly' }], stream });
const headers = (scenario) => ({ 'content-type': 'application/json', 'x-scenario': scenario, ...secretHeaders });
const post = (scenario, behaviour, init = {}) =>
  fetch(url(behaviour), { method: 'POST', headers: headers(scenario), body: requestBody(behaviour !== 'quick-json'), ...init });

const problems = [];
process.on('unhandledRejection', (e) => problems.push(`unhandledRejection: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => problems.push(`uncaughtException: ${e?.stack ?? e}`));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** node:http POST; `onResponse(req, res)` decides how the app reads (or drops) the body. */
function httpPost(scenario, behaviour, onResponse) {
  return new Promise((resolve) => {
    const req = http.request(url(behaviour), { method: 'POST', headers: headers(scenario) });
    req.on('error', (error) => resolve(`request error ${error.code ?? error.name}`));
    req.on('response', (res) => onResponse(req, res, resolve));
    req.end(requestBody(true));
    req.on('close', () => setTimeout(() => resolve('request closed'), 50));
  });
}

function openAiClient(scenario) {
  return new OpenAI({ apiKey: 'sk-fault-suite-openai-sdk-key', baseURL: `${server}/slow-stream`, maxRetries: 0, defaultHeaders: headers(scenario) });
}

const SCENARIOS = {
  async 'fetch: abort before headers'(name) {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    return post(name, 'slow-headers', { signal: controller.signal }).then(() => 'resolved', (e) => e.name);
  },
  async 'fetch: AbortSignal.timeout before headers'(name) {
    return post(name, 'slow-headers', { signal: AbortSignal.timeout(50) }).then(() => 'resolved', (e) => e.name);
  },
  async 'fetch: abort after the first chunk'(name) {
    const controller = new AbortController();
    const response = await post(name, 'slow-stream', { signal: controller.signal });
    const reader = response.body.getReader();
    await reader.read();
    controller.abort();
    try {
      while (!(await reader.read()).done);
      return 'read to the end';
    } catch (error) {
      return `read then ${error.name}`;
    }
  },
  async 'fetch: break out of for-await after the first chunk'(name) {
    const response = await post(name, 'slow-stream');
    for await (const _chunk of response.body) break;
    return 'broke out';
  },
  async 'fetch: reader.cancel() after the first chunk'(name) {
    const response = await post(name, 'slow-stream');
    const reader = response.body.getReader();
    await reader.read();
    await reader.cancel();
    return 'cancelled';
  },
  async 'fetch: abort after the end'(name) {
    const controller = new AbortController();
    const response = await post(name, 'quick-stream', { signal: controller.signal });
    const text = await response.text();
    controller.abort();
    return `read ${text.split('\n\n').length - 1} events, then aborted`;
  },
  async 'fetch: one signal for 20 calls'(name) {
    const controller = new AbortController();
    for (let i = 0; i < 20; i += 1) await (await post(name, 'quick-json', { signal: controller.signal })).json();
    // undici drops its abort listener when the Request is collected (a FinalizationRegistry), so
    // collect first: what is left then is held by someone.
    for (let i = 0; i < 3; i += 1) {
      globalThis.gc?.();
      await sleep(20);
    }
    return `abort listeners left on the signal: ${getEventListeners(controller.signal, 'abort').length}`;
  },
  async 'node:http: req.destroy() before headers'(name) {
    return new Promise((resolve) => {
      const req = http.request(url('slow-headers'), { method: 'POST', headers: headers(name) });
      req.on('error', (error) => resolve(`request error ${error.code}`));
      req.on('response', () => resolve('got a response'));
      req.end(requestBody(true));
      setTimeout(() => req.destroy(), 50);
    });
  },
  async 'node:http: req.destroy() after the first chunk'(name) {
    return httpPost(name, 'slow-stream', (req, res, resolve) => {
      res.once('data', () => req.destroy());
      res.on('error', (error) => resolve(`response error ${error.code}`));
      res.on('close', () => resolve(`response closed, complete: ${res.complete}`));
    });
  },
  async 'node:http: res.destroy() after the first chunk'(name) {
    return httpPost(name, 'slow-stream', (_req, res, resolve) => {
      res.once('data', () => res.destroy());
      res.on('error', (error) => resolve(`response error ${error.code}`));
      res.on('close', () => resolve(`response closed, complete: ${res.complete}`));
    });
  },
  async 'node:http: req.destroy() after the end'(name) {
    return httpPost(name, 'quick-stream', (req, res, resolve) => {
      res.resume();
      res.on('end', () => {
        req.destroy();
        resolve(`read to the end, complete: ${res.complete}`);
      });
    });
  },
  async 'openai: break out of a stream after the first chunk'(name) {
    const stream = await openAiClient(name).chat.completions.create({ model: 'fault-model', messages: [{ role: 'user', content: 'count' }], stream: true });
    for await (const _chunk of stream) break;
    return 'broke out';
  },
  async 'openai: abort signal after the first chunk'(name) {
    const controller = new AbortController();
    const stream = await openAiClient(name).chat.completions.create(
      { model: 'fault-model', messages: [{ role: 'user', content: 'count' }], stream: true },
      { signal: controller.signal },
    );
    try {
      for await (const _chunk of stream) controller.abort();
      return 'read to the end';
    } catch (error) {
      return `read then ${error.constructor.name}`;
    }
  },
};

/** What is still open, by kind: timers, sockets, handles. */
function resources() {
  const counts = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

// One complete call first, then a pause past the span processor's 1 s export delay: whatever the
// tracing keeps for good (the exporter's connection) is open before the baseline is taken.
await (await post('warm-up', 'quick-json')).json();
await sleep(1500);
const before = resources();
for (const [scenario, run] of Object.entries(SCENARIOS)) {
  let outcome;
  try {
    outcome = await run(scenario);
  } catch (error) {
    outcome = `threw ${error?.name}: ${error?.message}`;
  }
  console.log(JSON.stringify({ scenario, outcome }));
}
await sleep(1500);
console.log(JSON.stringify({ resources: { before, after: resources() }, problems }));
