/**
 * A URL-decoded path segment (a model id such as `amazon.nova-lite-v1%3A0`). A malformed escape
 * keeps the raw segment: it still names the model better than nothing, and a throw here would
 * lose the whole call.
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
