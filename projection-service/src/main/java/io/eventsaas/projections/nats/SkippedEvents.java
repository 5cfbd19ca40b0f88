package io.eventsaas.projections.nats;

import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.projections.nats.SummaryEvents.SkipReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs the events a projection skips (a type it does not know, a schema version newer than it reads,
 * a payload it cannot read), so a consumer older than its producers is visible instead of silently wrong. The
 * first of each kind is logged as a warning, the rest at debug level: a replay may meet thousands.
 */
final class SkippedEvents {

    private static final Logger log = LoggerFactory.getLogger(SkippedEvents.class);

    private final String projection;
    private final MeterRegistry meters;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    SkippedEvents(String projection, MeterRegistry meters) {
        this.projection = projection;
        this.meters = meters;
    }

    void skip(RecordedEvent event, SkipReason reason) {
        counter(reason, event.type()).increment();
        String kind = reason.tag + " " + event.type() + " v" + event.schemaVersion();
        if (reported.add(kind)) {
            log.warn("Projection {} skips {} events ({} v{}, first at sequence {}); counted in "
                    + "eventsaas.projection.events.skipped", projection, reason.tag, event.type(),
                    event.schemaVersion(), event.streamSequence());
        } else {
            log.debug("Projection {} skips {} at sequence {}", projection, kind, event.streamSequence());
        }
    }

    /** How many events of this kind were skipped since start-up. */
    double count(SkipReason reason, String eventType) {
        return counter(reason, eventType).count();
    }

    private Counter counter(SkipReason reason, String eventType) {
        return Counter.builder("eventsaas.projection.events.skipped")
                .description("Events a projection skipped: unknown type, newer schema version or unreadable")
                .tag("projection", projection)
                .tag("reason", reason.tag)
                .tag("type", eventType)
                .register(meters);
    }
}
