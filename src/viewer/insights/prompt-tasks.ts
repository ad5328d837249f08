import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOOL_DEFINITIONS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from '../../semconv.js';
import { ATTR_LLM_OTEL_COST_USD } from '../../spans/llm-otel-attributes.js';
import type { PromptTask, TemplatePart } from '../api-types.js';
import { parseMessages, parseSystemInstructions, toolNames, type ChatMessage } from '../genai-messages.js';
import type { ReceivedSpan } from '../received-telemetry.js';
import { spanFacts } from '../store/span-facts.js';

/*
 * Prompt-template mining, written here because no maintained JS library does it (the known
 * algorithms, Drain and its kin, are log-parsing tools in Python/Java). Each call's prompt
 * (system + input messages, as text per role) is split into word, space and punctuation
 * tokens, with numbers, ids, e-mail addresses and URLs pre-marked as variables. A call joins
 * the first task whose template it matches closely enough: the template and the call are
 * aligned by their longest common subsequence of literal tokens, and every unaligned run on
 * either side becomes one variable. So "Summarise the ticket from Ann: ..." and "Summarise
 * the ticket from Bob Li: ..." are one task, "Summarise the ticket from {1}: {2}".
 */

/** A token is literal text, or null for a variable part. */
type Token = string | null;

interface Template {
  roles: string[];
  /** Per message. */
  tokens: Token[][];
}

/** Fraction of a prompt's literal tokens a template must keep for the call to join it. */
const MIN_SIMILARITY = 0.6;
/** Longest message considered, in tokens; beyond it the tail is one variable (keeps LCS cheap). */
const MAX_TOKENS = 400;

const VARIABLE_LIKE = /^(?:\d[\d.,:_-]*|[0-9a-f]{8,}|[\w.+-]+@[\w-]+\.[\w.-]+|https?:\/\/\S+)$/i;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/https?:\/\/\S+|[\w.+-]+@[\w-]+\.[\w.-]+|[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu)) {
    const token = match[0];
    const isVariable = VARIABLE_LIKE.test(token);
    if (isVariable && tokens.length > 0 && tokens[tokens.length - 1] === null) continue;
    tokens.push(isVariable ? null : token);
    if (tokens.length >= MAX_TOKENS) {
      tokens.push(null);
      break;
    }
  }
  return tokens;
}

/** Aligns a template with a call's tokens: the merged template and how many literals matched. */
function mergeTokens(template: Token[], tokens: Token[]): { merged: Token[]; matched: number } {
  const n = template.length;
  const m = tokens.length;
  // lcs[i][j]: common literals of template[i..] and tokens[j..].
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const same = template[i] !== null && template[i] === tokens[j];
      lcs[i]![j] = same ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const merged: Token[] = [];
  const gap = () => {
    if (merged[merged.length - 1] !== null) merged.push(null);
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (template[i] !== null && template[i] === tokens[j]) {
      merged.push(template[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      gap();
      i++;
    } else {
      gap();
      j++;
    }
  }
  if (i < n || j < m) gap();
  return { merged: absorbBlankRuns(merged), matched: lcs[0]![0]! };
}

/**
 * Spaces that happen to line up inside two variable parts ("the printer is
 * on fire" / "my invoice is wrong") are not template text: a run of them between two
 * variables becomes part of one variable.
 */
function absorbBlankRuns(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let k = 0;
  while (k < tokens.length) {
    const token = tokens[k];
    if (token !== null || out.length === 0) {
      out.push(token!);
      k++;
      continue;
    }
    // At a variable: look past a blank run to the next variable.
    let end = k + 1;
    while (end < tokens.length && tokens[end] !== null && tokens[end]!.trim() === '') end++;
    if (end < tokens.length && tokens[end] === null && end > k + 1) {
      if (out[out.length - 1] !== null) out.push(null);
      k = end;
      continue;
    }
    if (out[out.length - 1] !== null) out.push(null);
    k++;
  }
  return out;
}

function literalCount(tokens: Token[]): number {
  let count = 0;
  for (const token of tokens) if (token !== null && token.trim() !== '') count++;
  return count;
}

function messageText(message: ChatMessage): string {
  return message.parts
    .map((part) => (part.type === 'text' ? part.content : part.type === 'tool_call' ? `[tool call ${part.name}]` : part.type === 'tool_call_response' ? '[tool result]' : ''))
    .join('\n');
}

interface TaskAccumulator {
  basis: PromptTask['basis'];
  template?: Template;
  label: string;
  calls: number;
  models: Set<string>;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  examples: PromptTask['examples'];
}

function tryMerge(template: Template, roles: string[], tokens: Token[][]): Template | undefined {
  if (template.roles.join() !== roles.join()) return undefined;
  let matched = 0;
  let literals = 0;
  const merged: Token[][] = [];
  for (let k = 0; k < tokens.length; k++) {
    const result = mergeTokens(template.tokens[k]!, tokens[k]!);
    merged.push(result.merged);
    // Count only non-space literals so shared spacing does not make unrelated prompts similar.
    matched += literalCount(result.merged);
    literals += Math.max(literalCount(tokens[k]!), literalCount(template.tokens[k]!));
  }
  if (literals === 0 ? false : matched / literals < MIN_SIMILARITY) return undefined;
  return { roles, tokens: merged };
}

function templateParts(tokens: Token[], next: { variable: number }): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const token of tokens) {
    if (token === null) parts.push({ variable: next.variable++ });
    else {
      const last = parts[parts.length - 1];
      if (last && 'text' in last) last.text += token;
      else parts.push({ text: token });
    }
  }
  return parts;
}

/**
 * Groups LLM calls into tasks: by prompt template when content was captured, else by span
 * name, model and tool set. Sorted by call count.
 */
export function promptTasks(spans: ReceivedSpan[]): PromptTask[] {
  const contentTasks: TaskAccumulator[] = [];
  const shapeTasks = new Map<string, TaskAccumulator>();
  const account = (task: TaskAccumulator, span: ReceivedSpan, model: string) => {
    task.calls += 1;
    task.models.add(model);
    const num = (key: string) => (typeof span.attributes[key] === 'number' ? (span.attributes[key] as number) : 0);
    task.inputTokens += num(ATTR_GEN_AI_USAGE_INPUT_TOKENS);
    task.outputTokens += num(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS);
    task.costUsd += num(ATTR_LLM_OTEL_COST_USD);
    if (task.examples.length < 5) task.examples.push({ traceId: span.traceId, spanId: span.spanId });
  };
  for (const span of spans) {
    const model = spanFacts(span).model ?? '(unknown model)';
    const system = parseSystemInstructions(span.attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS]);
    const messages = [...(system ? [system] : []), ...parseMessages(span.attributes[ATTR_GEN_AI_INPUT_MESSAGES])];
    if (messages.length > 0) {
      const roles = messages.map((m) => m.role);
      const tokens = messages.map((m) => tokenize(messageText(m)));
      let joined = false;
      for (const task of contentTasks) {
        const merged = tryMerge(task.template!, roles, tokens);
        if (!merged) continue;
        task.template = merged;
        account(task, span, model);
        joined = true;
        break;
      }
      if (!joined) {
        const task: TaskAccumulator = { basis: 'content', template: { roles, tokens }, label: span.name, calls: 0, models: new Set(), inputTokens: 0, outputTokens: 0, costUsd: 0, examples: [] };
        contentTasks.push(task);
        account(task, span, model);
      }
      continue;
    }
    const tools = toolNames(span.attributes[ATTR_GEN_AI_TOOL_DEFINITIONS]).sort();
    const label = `${span.name} · ${model}${tools.length ? ` · tools: ${tools.join(', ')}` : ''}`;
    let task = shapeTasks.get(label);
    if (!task) shapeTasks.set(label, (task = { basis: 'shape', label, calls: 0, models: new Set(), inputTokens: 0, outputTokens: 0, costUsd: 0, examples: [] }));
    account(task, span, model);
  }
  return [...contentTasks, ...shapeTasks.values()]
    .map((task) => {
      const counter = { variable: 1 };
      return {
        basis: task.basis,
        template: task.template ? task.template.roles.map((role, k) => ({ role, parts: templateParts(task.template!.tokens[k]!, counter) })) : [],
        label: task.label,
        calls: task.calls,
        models: [...task.models].sort(),
        inputTokens: task.inputTokens,
        outputTokens: task.outputTokens,
        costUsd: task.costUsd,
        examples: task.examples,
      };
    })
    .sort((a, b) => b.calls - a.calls);
}
