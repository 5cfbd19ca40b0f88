/**
 * The edge to NATS: RPC endpoints, the protobuf mapping of events, and the e-mail claims in a JetStream
 * key-value bucket. The only package where protobuf types appear ({@code ArchitectureTest} keeps it so).
 */
package io.eventsaas.users.nats;
