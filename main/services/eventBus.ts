// Fan-out of GraftEvents from the single writer (scheduler) to every subscriber:
// the WebSocket clients of `graft serve`, the Electron window, CLI progress bars.
import type { GraftEvent } from '../../contract/events.ts';

export type EventListener = (event: GraftEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: GraftEvent): void {
    for (const listener of this.listeners) {
      // One misbehaving subscriber (a closed socket, say) must not stop the others.
      try {
        listener(event);
      } catch (error) {
        console.error('graft: event listener failed:', error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
