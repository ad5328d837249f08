import {
  defaultResource, detectResources, envDetector, hostDetector, osDetector, processDetector, resourceFromAttributes,
  serviceInstanceIdDetector, type Resource, type ResourceDetector,
} from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { ResourceConfig, ResourceDetectorName } from '../config/types.js';
import { ATTR_DEPLOYMENT_ENVIRONMENT_NAME } from '../semconv.js';

const DETECTORS: Readonly<Record<ResourceDetectorName, ResourceDetector>> = {
  host: hostDetector,
  os: osDetector,
  process: processDetector,
  serviceinstance: serviceInstanceIdDetector,
  env: envDetector,
};

/**
 * The NodeSDK's resource: the SDK's defaults, then what the chosen detectors find (by default
 * host, os, process, service instance, and env: OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME).
 * The file's `resource:` keys sit between, so the environment wins over the file, as everywhere.
 */
export function createResource(resource: ResourceConfig, detectors: readonly ResourceDetectorName[]): Resource {
  const attributes: Record<string, string> = { [ATTR_SERVICE_NAME]: resource.serviceName };
  if (resource.serviceVersion) attributes[ATTR_SERVICE_VERSION] = resource.serviceVersion;
  if (resource.deploymentEnvironment) attributes[ATTR_DEPLOYMENT_ENVIRONMENT_NAME] = resource.deploymentEnvironment;
  const detected = detectResources({ detectors: detectors.map((name) => DETECTORS[name]) });
  return defaultResource().merge(resourceFromAttributes(attributes)).merge(detected);
}
