import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

import {
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from '../semconv.js';
import type { ReceivedAttributeValue, ReceivedSpan } from './received-telemetry.js';

/** OTLP `STATUS_CODE_ERROR`. */
const STATUS_CODE_ERROR = 2;

function text(value: ReceivedAttributeValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : String(value);
}

function durationMs(span: ReceivedSpan): string {
  return `${(Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e6).toFixed(1)} ms`;
}

function modelPart(span: ReceivedSpan): string | undefined {
  const requested = text(span.attributes[ATTR_GEN_AI_REQUEST_MODEL]);
  const responded = text(span.attributes[ATTR_GEN_AI_RESPONSE_MODEL]);
  if (requested && responded && requested !== responded) return `model=${requested} -> ${responded}`;
  const model = requested ?? responded;
  return model ? `model=${model}` : undefined;
}

function tokensPart(span: ReceivedSpan): string | undefined {
  const input = text(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS]);
  const output = text(span.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]);
  const parts = [input !== undefined ? `in=${input}` : '', output !== undefined ? `out=${output}` : ''];
  return parts.filter(Boolean).join(' ') || undefined;
}

function errorPart(span: ReceivedSpan): string | undefined {
  if (span.status.code !== STATUS_CODE_ERROR) return undefined;
  const errorType = text(span.attributes[ATTR_ERROR_TYPE]);
  const message = span.status.message ? ` "${span.status.message}"` : '';
  return `${errorType ? `error=${errorType}` : 'error'}${message}`;
}

function httpPart(span: ReceivedSpan): string | undefined {
  const code = text(span.attributes[ATTR_HTTP_RESPONSE_STATUS_CODE]);
  return code !== undefined ? `http=${code}` : undefined;
}

function spanLine(span: ReceivedSpan): string {
  return [span.name, durationMs(span), modelPart(span), tokensPart(span), errorPart(span), httpPart(span)]
    .filter((part) => part !== undefined)
    .join('  ');
}

const byStartTime = (a: ReceivedSpan, b: ReceivedSpan): number =>
  a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : 0;

function formatOneTrace(spans: ReceivedSpan[]): string {
  const spanIds = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, ReceivedSpan[]>();
  const roots: ReceivedSpan[] = [];
  for (const span of spans) {
    if (span.parentSpanId && spanIds.has(span.parentSpanId)) {
      const siblings = children.get(span.parentSpanId) ?? [];
      siblings.push(span);
      children.set(span.parentSpanId, siblings);
    } else {
      roots.push(span);
    }
  }

  const lines: string[] = [];
  const printed = new Set<ReceivedSpan>();
  const printSubtree = (span: ReceivedSpan, prefix: string, connector: string, childPrefix: string): void => {
    if (printed.has(span)) return;
    printed.add(span);
    const orphanNote = !connector && span.parentSpanId ? '  (parent not received)' : '';
    lines.push(`${prefix}${connector}${spanLine(span)}${orphanNote}`);
    const kids = (children.get(span.spanId) ?? []).sort(byStartTime);
    kids.forEach((kid, index) => {
      const last = index === kids.length - 1;
      printSubtree(kid, prefix + childPrefix, last ? '└─ ' : '├─ ', last ? '   ' : '│  ');
    });
  };
  for (const root of roots.sort(byStartTime)) printSubtree(root, '', '', '');
  // Spans whose parent links form a cycle are unreachable from any root;
  // malformed input must still show every span.
  for (const span of [...spans].sort(byStartTime)) printSubtree(span, '', '', '');

  const first = roots[0] ?? spans[0]!;
  const service = text(first.resource[ATTR_SERVICE_NAME]) ?? 'unknown';
  const count = `${spans.length} ${spans.length === 1 ? 'span' : 'spans'}`;
  return [`trace ${first.traceId}  (${count}, service ${service})`, ...lines].join('\n');
}

/**
 * Renders spans as one indented tree per trace: children under their parent in
 * start-time order, and spans whose parent never arrived shown as extra roots
 * marked `(parent not received)`. Traces appear in order of first span seen,
 * separated by a blank line. Returns '' for no spans.
 */
export function formatTraceTree(spans: ReceivedSpan[]): string {
  const traces = new Map<string, ReceivedSpan[]>();
  for (const span of spans) {
    const trace = traces.get(span.traceId) ?? [];
    trace.push(span);
    traces.set(span.traceId, trace);
  }
  return [...traces.values()].map(formatOneTrace).join('\n\n');
}
