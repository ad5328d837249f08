import type { Message } from '@smithy/eventstream-codec';
import type { ResponseFacts } from '../types.js';
import { asNonEmptyString, asObject, asString, definedOnly, type JsonObject } from '../json-fields.js';
import { headerString } from '../stream/aws-event-stream-accumulator.js';

/**
 * AWS error names come as `x-amzn-errortype: ValidationException:http://internal.amazon.com/...`
 * or as a body `__type` such as `com.amazon.coral.validate#ValidationException`. Both reduce to the
 * bare name, which is also the class the AWS SDK throws (low cardinality, as error.type wants).
 */
function awsErrorName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const name = raw.split(':', 1)[0]!.split('#').pop()!.trim();
  return name || undefined;
}

/** Error facts of a 4xx/5xx Bedrock response; the body may be JSON, empty or anything else. */
export function readBedrockError(body: unknown, headers: Record<string, string>): Pick<ResponseFacts, 'errorType' | 'errorMessage'> {
  const object = asObject(body);
  return definedOnly({
    errorType: awsErrorName(headers['x-amzn-errortype']) ?? awsErrorName(asNonEmptyString(object?.__type)),
    errorMessage: asNonEmptyString(object?.message) ?? asNonEmptyString(object?.Message),
  });
}

/**
 * An exception sent inside an event stream (`:message-type: exception`, e.g.
 * `:exception-type: modelStreamErrorException`), after a 200. The SDK throws it as
 * `ModelStreamErrorException`; the same capitalised name keeps error.type one value per kind.
 */
function streamExceptionName(exceptionType: string): string {
  return exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1);
}

/**
 * The failure an event-stream message reports, if it is one: an `exception` message (its type in
 * a header, its message in the JSON payload) or an `error` message (both in headers).
 */
export function eventStreamFailure(message: Message, payload: JsonObject | undefined): Pick<ResponseFacts, 'errorType' | 'errorMessage'> | undefined {
  const messageType = headerString(message, ':message-type');
  if (messageType === 'exception') {
    return {
      errorType: streamExceptionName(headerString(message, ':exception-type') ?? 'exception'),
      errorMessage: asString(payload?.message) ?? asString(payload?.Message),
    };
  }
  if (messageType === 'error') {
    return { errorType: headerString(message, ':error-code') ?? 'error', errorMessage: headerString(message, ':error-message') };
  }
  return undefined;
}
