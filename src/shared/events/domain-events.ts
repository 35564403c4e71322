import { Injectable } from '@nestjs/common';

/**
 * In-process domain events, handled synchronously inside the publisher's transaction, so that what a
 * handler writes commits or rolls back with the change that caused it. Contexts stay decoupled:
 * the publisher does not know who listens. Each context declares the events it publishes (identity's
 * are in identity/domain/identity-events.ts); the kernel only knows that an event has a type.
 */
export interface DomainEvent {
  readonly type: string;
}

type Handler<E> = (event: E) => Promise<void>;

@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<string, Handler<never>[]>();

  on<E extends DomainEvent>(type: E['type'], handler: Handler<E>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(type, list);
  }

  async publish<E extends DomainEvent>(event: E): Promise<void> {
    for (const handler of this.handlers.get(event.type) ?? []) {
      await (handler as Handler<E>)(event);
    }
  }
}
