import type { ServerResponse } from 'node:http';

/**
 * Errors in the OpenAI API's shape (`{"error": {"message", "type", "param", "code"}}`), so that
 * SDK clients raise their usual typed errors (BadRequestError, NotFoundError, ...).
 */
export interface OpenAiError {
  readonly status: number;
  readonly message: string;
  readonly type: string;
  readonly param?: string | null;
  readonly code?: string | null;
}

function openAiErrorBody(error: OpenAiError): string {
  return JSON.stringify({ error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code ?? null } });
}

export function sendOpenAiError(res: ServerResponse, error: OpenAiError, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = openAiErrorBody(error);
  res.writeHead(error.status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
