import { decodePathSegment } from '../path-segment.js';

/**
 * Where a Bedrock Runtime request goes: the model (or inference profile, or provisioned-throughput
 * ARN) and the action, both read from the path `/model/<url-encoded id>/<action>`.
 */

export type BedrockAction = 'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream';

export interface BedrockTarget {
  /** URL-decoded: `amazon.nova-lite-v1:0`, `arn:aws:bedrock:...:inference-profile/us.anthropic...`. */
  modelId: string;
  action: BedrockAction;
}

/**
 * The id is one path segment: the SDK percent-encodes `:` and `/` inside it (an ARN's `/` arrives
 * as `%2F`). The path may carry a prefix when a gateway or proxy fronts Bedrock, so only the end
 * is anchored.
 */
const MODEL_PATH = /\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)$/;

/**
 * Bedrock Runtime endpoints (https://docs.aws.amazon.com/general/latest/gr/bedrock.html):
 * `bedrock-runtime.<region>.amazonaws.com`, the `-fips` variant, China (`.amazonaws.com.cn`),
 * dual-stack (`.api.aws`) and interface VPC endpoints (`vpce-....bedrock-runtime.<region>.vpce.amazonaws.com`).
 */
const RUNTIME_HOST = /^(?:[a-z0-9-]+\.)?bedrock-runtime(?:-fips)?\.[a-z0-9-]+\.(?:vpce\.)?(?:amazonaws\.com(?:\.cn)?|api\.aws)$/;

export function isBedrockRuntimeHost(hostname: string): boolean {
  return RUNTIME_HOST.test(hostname.toLowerCase());
}

export function bedrockTargetOf(pathname: string): BedrockTarget | undefined {
  const found = MODEL_PATH.exec(pathname);
  if (!found) return undefined;
  return { modelId: decodePathSegment(found[1]!), action: found[2] as BedrockAction };
}

export function isStreamingAction(action: BedrockAction): boolean {
  return action === 'converse-stream' || action === 'invoke-with-response-stream';
}
