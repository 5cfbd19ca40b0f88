package io.eventsaas.platform.observability;

import io.micrometer.observation.transport.Propagator;
import io.nats.client.impl.Headers;

/**
 * Reads and writes the trace context ({@code traceparent}, {@code tracestate}) in NATS message headers, so the
 * tracing handlers of whichever tracer the application has can carry a trace across NATS.
 */
public final class NatsHeaders {

    /** Writes into the headers of an outgoing request or event message. */
    public static final Propagator.Setter<Headers> SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.put(key, value);
        }
    };

    /** Reads from the headers of a received message (null headers: the sender did not trace). */
    public static final Propagator.Getter<Headers> GETTER = (headers, key) ->
            headers == null ? null : headers.getFirst(key);

    private NatsHeaders() {
    }
}
