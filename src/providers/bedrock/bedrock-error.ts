import type { ResponseFacts } from '../types.js';
import { asNonEmptyString, asObject, compact } from '../json-fields.js';

/**
 * AWS error names come as `x-amzn-errortype: ValidationException:http://internal.amazon.com/...`
 * or as a body `__type` such as `com.amazon.coral.validate#ValidationException`. Both reduce to the
 * bare name, which is also the class the AWS SDK throws (low cardinality, as error.type wants).
 */
export function awsErrorName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const name = raw.split(':', 1)[0]!.split('#').pop()!.trim();
  return name || undefined;
}

/** Error facts of a 4xx/5xx Bedrock response; the body may be JSON, empty or anything else. */
export function readBedrockError(body: unknown, headers: Record<string, string>): Pick<ResponseFacts, 'errorType' | 'errorMessage'> {
  const object = asObject(body);
  return compact({
    errorType: awsErrorName(headers['x-amzn-errortype']) ?? awsErrorName(asNonEmptyString(object?.__type)),
    errorMessage: asNonEmptyString(object?.message) ?? asNonEmptyString(object?.Message),
  });
}

/**
 * An exception sent inside an event stream (`:message-type: exception`, e.g.
 * `:exception-type: modelStreamErrorException`), after a 200. The SDK throws it as
 * `ModelStreamErrorException`; the same capitalised name keeps error.type one value per kind.
 */
export function streamExceptionName(exceptionType: string): string {
  return exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1);
}
