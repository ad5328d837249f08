import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { ResourceConfig } from '../config/types.js';
import { ATTR_DEPLOYMENT_ENVIRONMENT_NAME } from '../semconv.js';

export function createResource(resource: ResourceConfig): Resource {
  const attributes: Record<string, string> = { [ATTR_SERVICE_NAME]: resource.serviceName };
  if (resource.serviceVersion) attributes[ATTR_SERVICE_VERSION] = resource.serviceVersion;
  if (resource.deploymentEnvironment) attributes[ATTR_DEPLOYMENT_ENVIRONMENT_NAME] = resource.deploymentEnvironment;
  return defaultResource().merge(resourceFromAttributes(attributes));
}
