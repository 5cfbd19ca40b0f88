package io.eventsaas.platform.eventstore;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.events.EventCommit;
import io.eventsaas.contracts.events.EventEnvelope;
import io.nats.client.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns new events into one {@link EventCommit} message body, and a stored message back into events. */
public final class EventCodec {

    private EventCodec() {
    }

    static EventCommit encode(Append append, Instant now) {
        Timestamp occurredAt = Timestamp.newBuilder()
                .setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
        EventCommit.Builder commit = EventCommit.newBuilder();
        for (NewEvent event : append.events()) {
            commit.addEvents(EventEnvelope.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setEventType(event.type())
                    .setAggregateType(append.aggregateType())
                    .setAggregateId(append.aggregateId())
                    .setOccurredAt(occurredAt)
                    .setCorrelationId(nullToEmpty(append.correlationId()))
                    .setCausationId(nullToEmpty(append.causationId()))
                    .setSchemaVersion(event.schemaVersion())
                    .setPayload(ByteString.copyFrom(event.payload())));
        }
        return commit.build();
    }

    /** Decodes a message of the EVENTS stream; throws when its body is not an EventCommit. */
    public static List<RecordedEvent> decode(Message message) throws InvalidProtocolBufferException {
        long sequence = message.metaData().streamSequence();
        return decode(sequence, message.getSubject(), message.getData());
    }

    public static List<RecordedEvent> decode(long sequence, String subject, byte[] body)
            throws InvalidProtocolBufferException {
        EventCommit commit = EventCommit.parseFrom(body);
        List<RecordedEvent> events = new ArrayList<>(commit.getEventsCount());
        for (int i = 0; i < commit.getEventsCount(); i++) {
            EventEnvelope e = commit.getEvents(i);
            events.add(new RecordedEvent(sequence, i, subject, e.getEventId(), e.getEventType(),
                    e.getSchemaVersion(), e.getAggregateType(), e.getAggregateId(),
                    Instant.ofEpochSecond(e.getOccurredAt().getSeconds(), e.getOccurredAt().getNanos()),
                    e.getCorrelationId(), e.getCausationId(), e.getPayload().toByteArray()));
        }
        return events;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
