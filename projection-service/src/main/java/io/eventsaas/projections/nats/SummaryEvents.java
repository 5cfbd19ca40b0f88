package io.eventsaas.projections.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.projections.summary.StreamPosition;
import io.eventsaas.projections.summary.SummaryEvent;
import java.time.temporal.ChronoUnit;

/** Turns events from the stream into the summary's domain records; the only place their protobuf types appear. */
final class SummaryEvents {

    /** The payload schema version this code understands for each type it uses. */
    static final int KNOWN_SCHEMA_VERSION = 1;

    sealed interface Decoded {
    }

    record Known(SummaryEvent event) implements Decoded {
    }

    record Skipped(SkipReason reason) implements Decoded {
    }

    enum SkipReason {
        UNKNOWN_TYPE("unknown-type"),
        NEWER_SCHEMA_VERSION("newer-schema-version"),
        MALFORMED("malformed");

        final String tag;

        SkipReason(String tag) {
            this.tag = tag;
        }
    }

    private SummaryEvents() {
    }

    static Decoded decode(RecordedEvent event) {
        boolean known = EventTypes.USER_REGISTERED.equals(event.type())
                || EventTypes.ORGANIZATION_CREATED.equals(event.type());
        if (!known) {
            return new Skipped(SkipReason.UNKNOWN_TYPE);
        }
        if (event.schemaVersion() > KNOWN_SCHEMA_VERSION) {
            return new Skipped(SkipReason.NEWER_SCHEMA_VERSION);
        }
        if (event.schemaVersion() < 1) {
            return new Skipped(SkipReason.MALFORMED);
        }
        try {
            return new Known(toDomain(event));
        } catch (InvalidProtocolBufferException e) {
            return new Skipped(SkipReason.MALFORMED);
        }
    }

    private static SummaryEvent toDomain(RecordedEvent event) throws InvalidProtocolBufferException {
        StreamPosition position = new StreamPosition(event.streamSequence(), event.indexInCommit());
        if (EventTypes.USER_REGISTERED.equals(event.type())) {
            UserRegistered payload = UserRegistered.parseFrom(event.payload());
            // PostgreSQL keeps microseconds: truncating here makes the summary the same whether it was just
            // computed or read back, so a rebuild orders equal times exactly as the first build did.
            return new SummaryEvent.UserRegistered(payload.getUserId(), payload.getDisplayName(),
                    event.occurredAt().truncatedTo(ChronoUnit.MICROS), position);
        }
        OrganizationCreated payload = OrganizationCreated.parseFrom(event.payload());
        return new SummaryEvent.OrganizationCreated(payload.getOrganizationId(), position);
    }
}
