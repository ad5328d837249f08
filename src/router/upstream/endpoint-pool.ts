import type { EndpointConfig } from '../config/router-config.js';

/**
 * Which of a model's endpoints to try, in which order: a weighted random order (an endpoint of
 * weight 3 goes first three times as often as one of weight 1), then the backups (weight 0) in the
 * order the model lists them, leaving out endpoints that failed
 * within the cool-down. A failed endpoint is skipped by every request until its cool-down ends,
 * so one dead backend costs one failed attempt per cool-down, not one per request.
 */
export class EndpointPool {
  private readonly coolingUntil = new Map<string, number>();

  constructor(
    private readonly endpoints: ReadonlyMap<string, EndpointConfig>,
    private readonly cooldownMs: number,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  attemptOrder(names: readonly string[]): EndpointConfig[] {
    const now = this.now();
    const candidates = names
      .map((name) => this.endpoints.get(name))
      .filter((endpoint): endpoint is EndpointConfig => endpoint !== undefined && (this.coolingUntil.get(endpoint.name) ?? 0) <= now);
    const order: EndpointConfig[] = [];
    const backups = candidates.filter((endpoint) => endpoint.weight === 0);
    candidates.splice(0, candidates.length, ...candidates.filter((endpoint) => endpoint.weight > 0));
    while (candidates.length > 0) {
      const total = candidates.reduce((sum, endpoint) => sum + endpoint.weight, 0);
      let pick = this.random() * total;
      let index = 0;
      while (index < candidates.length - 1 && pick >= candidates[index]!.weight) {
        pick -= candidates[index]!.weight;
        index += 1;
      }
      order.push(...candidates.splice(index, 1));
    }
    return [...order, ...backups];
  }

  coolDown(endpoint: EndpointConfig): void {
    this.coolingUntil.set(endpoint.name, this.now() + this.cooldownMs);
  }
}
