/**
 * Whether a request is signed with AWS Signature Version 4 for the Bedrock service. The SigV4
 * `Authorization` header names its credential scope, `<access key>/<yyyymmdd>/<region>/<service>/aws4_request`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), and the AWS SDK
 * signs every Bedrock Runtime call with the service `bedrock`; a pre-signed URL carries the same
 * scope in its `X-Amz-Credential` query parameter. Only the scope is read, never the key or signature.
 */
const BEDROCK_SCOPE = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/bedrock\/aws4_request/;
const BEDROCK_SCOPE_VALUE = /^[^/]+\/\d{8}\/[^/]+\/bedrock\/aws4_request$/;

export function isSigV4ForBedrock(authorization: string | undefined, url: URL): boolean {
  if (authorization !== undefined) return authorization.startsWith('AWS4-HMAC-SHA256 ') && BEDROCK_SCOPE.test(authorization);
  const credential = url.searchParams.get('X-Amz-Credential');
  return credential !== null && BEDROCK_SCOPE_VALUE.test(credential);
}
