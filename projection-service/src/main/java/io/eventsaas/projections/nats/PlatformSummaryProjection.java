package io.eventsaas.projections.nats;

import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.Projection;
import io.eventsaas.projections.nats.SummaryEvents.Known;
import io.eventsaas.projections.nats.SummaryEvents.Skipped;
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
    public static final String NAME = "platform-summary-v1";

    private final PlatformSummaryHandler handler = new PlatformSummaryHandler();
    private final SummaryUnitOfWork unitOfWork;
    private final SummaryStore store;
    private final SummaryViewPublisher publisher;
    private final SkippedEvents skipped;
    /** Committed (or about to be) but not published yet; touched only by the runner's thread. */
    private boolean unpublishedChanges;

    public PlatformSummaryProjection(SummaryStore store, SummaryViewPublisher publisher, MeterRegistry meters) {
        this.store = store;
        this.unitOfWork = new SummaryUnitOfWork(store);
        this.publisher = publisher;
        this.skipped = new SkippedEvents(NAME, meters);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every type: the projection counts the ones it does not know instead of never seeing them. */
    @Override
    public boolean handles(String eventType) {
        return true;
    }

    @Override
    public void apply(RecordedEvent event) {
        switch (SummaryEvents.decode(event)) {
            case Known known -> {
                unitOfWork.change(summary -> handler.on(summary, known.event()));
                unpublishedChanges = true;
            }
            case Skipped skip -> skipped.skip(event, skip.reason());
        }
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
