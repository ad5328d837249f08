/**
 * Whether the environment alone switches tracing off: `OTEL_SDK_DISABLED=true` or
 * `TRACING_ENABLED=false`, every set switch being a valid boolean. Register asks this before it
 * imports anything else, so a disabled run costs Node nothing more than reading two variables.
 * Anything doubtful (a value that is not a boolean) answers false, and the full configuration
 * load then refuses it with the variable's name. Depends on nothing, on purpose.
 */
const SWITCHES = ['OTEL_SDK_DISABLED', 'TRACING_ENABLED'] as const;

function booleanOf(raw: string | undefined): boolean | 'unset' | 'invalid' {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return 'unset';
  if (value === 'true') return true;
  if (value === 'false') return false;
  return 'invalid';
}

export function tracingOffInEnvironment(env: NodeJS.ProcessEnv): boolean {
  const [sdkDisabled, tracingEnabled] = SWITCHES.map((name) => booleanOf(env[name]));
  if (sdkDisabled === 'invalid' || tracingEnabled === 'invalid') return false;
  return sdkDisabled === true || tracingEnabled === false;
}
