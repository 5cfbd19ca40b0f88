/**
 * The runtime for policies: event handlers whose handling produces new events ("when X happened, do Y"). Each
 * policy reads one durable JetStream consumer that every instance of the service shares, so each event is
 * handled by exactly one instance (queue semantics, law 4), acknowledged only when handled, and redelivered
 * (possibly to another instance) when handling failed or the instance died. Technical only: no domain here.
 */
package io.eventsaas.platform.policy;
