import diagnosticsChannel from 'node:diagnostics_channel';
import { reportOnce } from '../diagnostics/report-once.js';

type ChannelHandler = (message: unknown) => void;

/**
 * The diagnostics-channel subscriptions of one transport capture, as a list of records (as
 * instrumentation-undici keeps them) so that disabling removes exactly what enabling added.
 *
 * Subscribers must never throw: a throw reaches the publisher (undici, the http client) and fails
 * the app's request. Each handler is wrapped once, with the try inline rather than `guarded`, to
 * spare a closure per message: these run several times per call.
 */
export class ChannelSubscriptions {
  private readonly records: Array<{ readonly name: string; readonly onMessage: ChannelHandler }> = [];

  get isEmpty(): boolean {
    return this.records.length === 0;
  }

  subscribe(name: string, handler: ChannelHandler): void {
    const kind = `handling ${name}`;
    const onMessage = (message: unknown) => {
      try {
        handler(message);
      } catch (error) {
        reportOnce(kind, error);
      }
    };
    diagnosticsChannel.subscribe(name, onMessage);
    this.records.push({ name, onMessage });
  }

  unsubscribeAll(): void {
    for (const { name, onMessage } of this.records) diagnosticsChannel.unsubscribe(name, onMessage);
    this.records.length = 0;
  }
}
