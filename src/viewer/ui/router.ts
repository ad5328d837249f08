import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'traces'; query: URLSearchParams }
  | { page: 'trace'; traceId: string; spanId?: string }
  | { page: 'models' }
  | { page: 'tasks' };

/** Hash routes (#/, #/trace/<id>[/<spanId>], #/models, #/tasks) so the server needs no route table. */
function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'trace' && parts[1]) return { page: 'trace', traceId: parts[1], spanId: parts[2] };
  if (parts[0] === 'models') return { page: 'models' };
  if (parts[0] === 'tasks') return { page: 'tasks' };
  return { page: 'traces', query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const traceHref = (traceId: string, spanId?: string) => `#/trace/${traceId}${spanId ? `/${spanId}` : ''}`;
