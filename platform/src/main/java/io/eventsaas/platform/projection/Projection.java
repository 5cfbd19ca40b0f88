package io.eventsaas.platform.projection;

import io.eventsaas.platform.eventstore.RecordedEvent;
import java.util.List;

/**
 * A read model kept in a service's own database, built only from events. The {@link ProjectionRunner} feeds it
 * every event of the stream in order, in batches, each batch in one transaction that also stores the last
 * applied stream sequence: a crash can neither apply an event twice nor skip one.
 *
 * <p>What the runner does with what a projection cannot read: a type it does not {@link #handles handle} and does
 * not {@link #knows know} (a newer producer's event), or a schema version newer than
 * {@link #newestSchemaVersion}, is skipped and counted ({@value ProjectionRunner#SKIPPED_COUNTER}); a payload the
 * projection cannot parse ({@link UnreadableEventException}) is parked and counted; any other exception is retried
 * with back-off and, if it keeps failing, stops this read model at that event until an operator retries it.
 */
public interface Projection {

    /** Names the checkpoint; change it (e.g. add a version) to rebuild the read model from the first event. */
    String name();

    /** Whether this projection wants events of this type; others are skipped without decoding their payload. */
    boolean handles(String eventType);

    /**
     * Whether this projection knows the type at all. A type it neither handles nor knows is counted as skipped
     * (reason {@code unknown-type}); one it knows but does not need is passed over silently.
     */
    default boolean knows(String eventType) {
        return true;
    }

    /** The newest payload schema version of this type the projection understands; newer ones are skipped. */
    default int newestSchemaVersion(String eventType) {
        return Integer.MAX_VALUE;
    }

    /** Applies one event, inside the batch's transaction. */
    void apply(RecordedEvent event);

    /**
     * Applies the events of a batch (or of one message when the runner isolates a failure), in stream order, inside
     * its transaction. Override to load and write rows once per batch instead of once per event.
     */
    default void applyBatch(List<RecordedEvent> events) {
        events.forEach(this::apply);
    }

    /** Called after a batch committed (outside the transaction), e.g. to publish a view. */
    default void afterCommit(long position, boolean caughtUp) {
    }
}
