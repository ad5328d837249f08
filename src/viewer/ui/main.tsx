import { render } from 'preact';

import { ModelsPage } from './models-page.js';
import { useRoute } from './router.js';
import { TasksPage } from './tasks-page.js';
import { TraceListPage } from './trace-list-page.js';
import { TracePage } from './trace-page.js';

function App() {
  const route = useRoute();
  const tab = (page: string, href: string, label: string) => (
    <a href={href} class={route.page === page || (page === 'traces' && route.page === 'trace') ? 'active' : ''}>
      {label}
    </a>
  );
  return (
    <>
      <nav class="top">
        <span class="brand">llm-otel view</span>
        {tab('traces', '#/', 'Traces')}
        {tab('models', '#/models', 'Models')}
        {tab('tasks', '#/tasks', 'Tasks')}
        <a class="api-link" href="/api/services" title="Jaeger-compatible query API">
          API
        </a>
      </nav>
      <main>
        {route.page === 'traces' && <TraceListPage initial={route.query} />}
        {route.page === 'trace' && <TracePage key={route.traceId} traceId={route.traceId} spanId={route.spanId} />}
        {route.page === 'models' && <ModelsPage />}
        {route.page === 'tasks' && <TasksPage />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
