import {
  defaultResource, detectResources, envDetector, hostDetector, osDetector, processDetector, resourceFromAttributes,
  serviceInstanceIdDetector, type Resource,
} from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { ResourceConfig } from '../config/types.js';
import { ATTR_DEPLOYMENT_ENVIRONMENT_NAME } from '../semconv.js';

/**
 * The NodeSDK's resource: the SDK's defaults, then what the detectors find (host, os, process,
 * service instance, and env: OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME). The file's
 * `resource:` keys sit between, so the environment wins over the file, as everywhere.
 */
export function createResource(resource: ResourceConfig): Resource {
  const attributes: Record<string, string> = { [ATTR_SERVICE_NAME]: resource.serviceName };
  if (resource.serviceVersion) attributes[ATTR_SERVICE_VERSION] = resource.serviceVersion;
  if (resource.deploymentEnvironment) attributes[ATTR_DEPLOYMENT_ENVIRONMENT_NAME] = resource.deploymentEnvironment;
  const detected = detectResources({ detectors: [hostDetector, osDetector, processDetector, serviceInstanceIdDetector, envDetector] });
  return defaultResource().merge(resourceFromAttributes(attributes)).merge(detected);
}
