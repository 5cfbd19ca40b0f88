package io.eventsaas.projections.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.UnreadableEventException;
import io.eventsaas.projections.summary.StreamPosition;
import io.eventsaas.projections.summary.SummaryEvent;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Turns events from the stream into the summary's domain records; the only place their protobuf types appear.
 * Which types and versions reach it is the runner's business (it skips and counts the others).
 */
final class SummaryEvents {

    /** The newest UserRegistered schema this code reads: 2 seals the personal data. */
    static final int USER_REGISTERED_VERSION = 2;
    /** A display name kept sealed: opened only when the view is rendered. */
    static final String SEALED = "sealed:";

    private SummaryEvents() {
    }

    static SummaryEvent decode(RecordedEvent event) {
        try {
            return toDomain(event);
        } catch (InvalidProtocolBufferException e) {
            throw new UnreadableEventException(event.type() + " at sequence " + event.streamSequence()
                    + " does not parse: " + e.getMessage(), e);
        }
    }

    private static SummaryEvent toDomain(RecordedEvent event) throws InvalidProtocolBufferException {
        StreamPosition position = new StreamPosition(event.streamSequence(), event.indexInCommit());
        if (EventTypes.USER_REGISTERED.equals(event.type())) {
            UserRegistered payload = UserRegistered.parseFrom(event.payload());
            String name = payload.hasPersonalData()
                    ? SEALED + Base64.getEncoder().encodeToString(payload.getPersonalData().toByteArray())
                    : payload.getDisplayName();
            // PostgreSQL keeps microseconds: truncating here makes the summary the same whether it was just
            // computed or read back, so a rebuild orders equal times exactly as the first build did.
            return new SummaryEvent.UserRegistered(payload.getUserId(), name,
                    event.occurredAt().truncatedTo(ChronoUnit.MICROS), position);
        }
        if (EventTypes.USER_ERASED.equals(event.type())) {
            return new SummaryEvent.UserErased(
                    io.eventsaas.contracts.users.UserErased.parseFrom(event.payload()).getUserId(), position);
        }
        OrganizationCreated payload = OrganizationCreated.parseFrom(event.payload());
        return new SummaryEvent.OrganizationCreated(payload.getOrganizationId(), position);
    }
}
