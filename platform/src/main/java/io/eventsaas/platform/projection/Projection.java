package io.eventsaas.platform.projection;

import io.eventsaas.platform.eventstore.RecordedEvent;

/**
 * A read model kept in a service's own database, built only from events. The {@link ProjectionRunner} feeds it
 * every event of the stream in order, in batches, each batch in one transaction that also stores the last
 * applied stream sequence: a crash can neither apply an event twice nor skip one.
 */
public interface Projection {

    /** Names the checkpoint; change it (e.g. add a version) to rebuild the read model from the first event. */
    String name();

    /** Whether this projection wants events of this type; others are skipped without decoding their payload. */
    boolean handles(String eventType);

    /** Applies one event, inside the batch's transaction. */
    void apply(RecordedEvent event);

    /** Called after a batch committed (outside the transaction), e.g. to publish a view. */
    default void afterCommit(long position, boolean caughtUp) {
    }
}
