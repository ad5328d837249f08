import type { Facets, ModelsAnswer, StatsAnswer, TasksAnswer, TraceAnswer, TraceListAnswer } from '../api-types.js';

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const API = '/api/llm-otel/';

export const api = {
  traces: (query: URLSearchParams) => getJson<TraceListAnswer>(`${API}traces?${query}`),
  facets: () => getJson<Facets>(`${API}facets`),
  trace: (traceId: string) => getJson<TraceAnswer>(`${API}traces/${encodeURIComponent(traceId)}`),
  models: (startMs: number, endMs: number) => getJson<ModelsAnswer>(`${API}models?start=${startMs}&end=${endMs}&buckets=30`),
  tasks: () => getJson<TasksAnswer>(`${API}tasks`),
  stats: () => getJson<StatsAnswer>(`${API}stats`),
  /** Server-sent events: called with the ids of traces that changed. */
  onTraces(listener: (ids: string[]) => void): () => void {
    const source = new EventSource(`${API}events`);
    source.addEventListener('traces', (event) => listener(JSON.parse((event as MessageEvent<string>).data) as string[]));
    return () => source.close();
  },
};
