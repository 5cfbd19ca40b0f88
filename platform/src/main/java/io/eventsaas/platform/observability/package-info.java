/**
 * How the platform reports what it does: one instrumentation with the Micrometer Observation API in the RPC
 * server and client, the event store and the projection and policy runtimes gives both the metrics on
 * {@code /actuator/prometheus} and the spans of a trace. The W3C trace context travels in NATS headers (written
 * by the sending side, read by the receiving side through {@link io.eventsaas.platform.observability.NatsHeaders}),
 * so one trace follows a request from the gateway through the RPC and the append to every consumer of the event.
 */
package io.eventsaas.platform.observability;
