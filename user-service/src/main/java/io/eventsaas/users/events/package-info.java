/**
 * How this service's domain events meet the event store, without saying how they are serialised: the
 * {@link io.eventsaas.users.events.DomainEventCodec} port is implemented at the edge, in {@code nats/}, the only
 * package that knows protobuf.
 */
package io.eventsaas.users.events;
