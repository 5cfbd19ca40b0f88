package io.eventsaas.platform.policy;

import io.eventsaas.platform.eventstore.RecordedEvent;

/**
 * Reacts to events by doing something that produces new events, e.g. "when a user registered, create their
 * organisation". A {@link PolicyRunner} hands it each event once across all instances of the service, but an
 * event may come again after a crash or a failed acknowledgement, so {@link #handle} must be idempotent (append
 * with a message id derived from the event id and an expected version, and treat "already done" as success).
 */
public interface Policy {

    /**
     * The durable consumer's name (before namespacing). It is the policy's memory of what it has handled: a new
     * name starts again from the first event.
     */
    String consumerName();

    /** Which events to read, before namespacing, e.g. {@code events.user.>}. One subject: nats-server 2.9 takes one. */
    String filterSubject();

    /** Whether the policy wants events of this type; others are acknowledged without decoding them. */
    boolean handles(String eventType);

    /** Handles one event. Throw to have it redelivered after a back-off, possibly to another instance. */
    void handle(RecordedEvent event) throws Exception;
}
