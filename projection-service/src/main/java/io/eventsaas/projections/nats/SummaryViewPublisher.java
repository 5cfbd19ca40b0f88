package io.eventsaas.projections.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.projections.summary.PlatformSummary;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the platform summary into the views bucket, where the gateway reads it.
 *
 * <p>Every instance publishes the view it computed; a compare-and-set on the key's revision keeps them from
 * fighting: a view is written only when it says something new, and never over a view of a later stream sequence
 * (an instance a little behind the others cannot move the view backwards).
 */
public final class SummaryViewPublisher {

    /** What a publish did. */
    public enum Outcome { PUBLISHED, UNCHANGED, NEWER_PUBLISHED }

    private static final Logger log = LoggerFactory.getLogger(SummaryViewPublisher.class);
    private static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int ATTEMPTS = 10;

    private final NatsConnector connector;
    private final Clock clock;
    private final io.eventsaas.projections.views.PersonalNames names;
    private volatile KeyValue bucket;

    public SummaryViewPublisher(NatsConnector connector, Clock clock, io.eventsaas.projections.views.PersonalNames names) {
        this.connector = connector;
        this.clock = clock;
        this.names = names;
    }

    /** Creates the views bucket when it is missing; a warm-up step. */
    public void openBucket() {
        bucket = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.VIEWS,
                connector.properties().replicas());
    }

    public synchronized Outcome publish(PlatformSummary summary) {
        KeyValue kv = bucket;
        if (kv == null) {
            throw new IllegalStateException("the views bucket is not open yet");
        }
        PlatformSummaryView view = PlatformSummaryViews.toView(summary, clock.instant(), names);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return publish(kv, view);
                } catch (JetStreamApiException e) {
                    // Another instance wrote in between: look again.
                    if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE || attempt == ATTEMPTS) {
                        throw new IllegalStateException("cannot publish " + Buckets.PLATFORM_SUMMARY + ": "
                                + e.getMessage(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + Buckets.PLATFORM_SUMMARY, e);
        }
    }

    private Outcome publish(KeyValue kv, PlatformSummaryView view) throws IOException, JetStreamApiException {
        KeyValueEntry current = kv.get(Buckets.PLATFORM_SUMMARY);
        if (current == null) {
            kv.create(Buckets.PLATFORM_SUMMARY, view.toByteArray());
        } else {
            PlatformSummaryView published = parseOrNull(current.getValue());
            if (published != null && published.getAsOfSequence() > view.getAsOfSequence()) {
                return Outcome.NEWER_PUBLISHED;
            }
            if (published != null && PlatformSummaryViews.sameContent(published, view)) {
                return Outcome.UNCHANGED;
            }
            kv.update(Buckets.PLATFORM_SUMMARY, view.toByteArray(), current.getRevision());
        }
        log.debug("Published {}: {} users, {} organisations, as of sequence {}", Buckets.PLATFORM_SUMMARY,
                view.getUsers(), view.getOrganizations(), view.getAsOfSequence());
        return Outcome.PUBLISHED;
    }

    private static PlatformSummaryView parseOrNull(byte[] value) {
        try {
            return value == null ? null : PlatformSummaryView.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            return null; // not a view we can read: replace it
        }
    }
}
