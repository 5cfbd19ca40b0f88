package io.eventsaas.projections.nats;

import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.Projection;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.projections.summary.SummaryEvent;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import io.eventsaas.projections.store.SummaryStore;
import io.eventsaas.projections.store.SummaryUnitOfWork;
import io.eventsaas.projections.summary.PlatformSummaryHandler;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The platform summary as a projection of the EVENTS stream: each event is decoded at this edge, applied by the
 * pure {@link PlatformSummaryHandler} within the runner's batch transaction, and once the instance has caught up
 * the committed summary is published to the views bucket. A view from a partial replay is never published: the
 * gateway would show counts that go up from zero after every restart.
 */
public final class PlatformSummaryProjection implements Projection {

    /** Change the version to rebuild the read model from the first event. */
    public static final String NAME = "platform-summary-v2";

    private static final Set<String> KNOWN_TYPES = Arrays.stream(EventTypes.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(f -> {
                try {
                    return (String) f.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toUnmodifiableSet());

    private final PlatformSummaryHandler handler = new PlatformSummaryHandler();
    private final SummaryUnitOfWork unitOfWork;
    private final SummaryStore store;
    private final SummaryViewPublisher publisher;
    /** Committed (or about to be) but not published yet; touched only by the runner's thread. */
    private boolean unpublishedChanges;

    public PlatformSummaryProjection(SummaryStore store, SummaryViewPublisher publisher, MeterRegistry meters) {
        this.store = store;
        this.unitOfWork = new SummaryUnitOfWork(store);
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.USER_REGISTERED.equals(eventType) || EventTypes.ORGANIZATION_CREATED.equals(eventType)
                || EventTypes.USER_ERASED.equals(eventType);
    }

    /** Every type of the contracts: others (a newer producer's) are counted as skipped by the runner. */
    @Override
    public boolean knows(String eventType) {
        return KNOWN_TYPES.contains(eventType);
    }

    @Override
    public int newestSchemaVersion(String eventType) {
        return EventTypes.USER_REGISTERED.equals(eventType) ? SummaryEvents.USER_REGISTERED_VERSION : 1;
    }

    @Override
    public void apply(RecordedEvent event) {
        SummaryEvent decoded = SummaryEvents.decode(event);
        unitOfWork.change(summary -> handler.on(summary, decoded));
        unpublishedChanges = true;
    }

    /**
     * Publishes after each committed batch that changed the summary, once caught up. A failure here (NATS away)
     * makes the runner retry the batch, which its checkpoint turns into a no-op followed by another publish.
     */
    @Override
    public void afterCommit(long position, boolean caughtUp) {
        if (caughtUp && unpublishedChanges) {
            publish();
            unpublishedChanges = false;
        }
    }

    /** Publishes the committed summary, unless the bucket already holds the same or a newer one. */
    public SummaryViewPublisher.Outcome publish() {
        return publisher.publish(store.load());
    }
}
