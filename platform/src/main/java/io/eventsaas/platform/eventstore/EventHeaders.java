package io.eventsaas.platform.eventstore;

import io.nats.client.impl.Headers;
import java.util.List;

/** Headers on every event message, so consumers can route and skip without decoding the payload. */
public final class EventHeaders {

    /** Space-separated event types of the commit, e.g. {@code UserRegistered}. */
    public static final String EVENT_TYPES = "Event-Types";
    public static final String CORRELATION_ID = "Correlation-Id";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String PROTOBUF_COMMIT = "application/x-protobuf; message=eventsaas.events.EventCommit";

    private EventHeaders() {
    }

    /** The event types a message holds, from its header; empty when the header is missing. */
    public static List<String> eventTypes(Headers headers) {
        String value = headers == null ? null : headers.getFirst(EVENT_TYPES);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }
}
