/** The port between billing's domain events and the event store's messages (adapter: nats/ProtobufBillingEventCodec). */
package io.eventsaas.billing.events;
