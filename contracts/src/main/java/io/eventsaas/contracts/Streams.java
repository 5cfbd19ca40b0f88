package io.eventsaas.contracts;

/**
 * The event store: one JetStream stream, one subject per aggregate instance.
 *
 * <p>All of an aggregate's events share its subject, so the subject's sequence is the aggregate's version and
 * {@code Nats-Expected-Last-Subject-Sequence} turns a concurrent write into a conflict instead of a lost update.
 * Every name here is a base name: at run time the platform's {@code Namespace} may prefix it, so tests and
 * several installations can share one NATS server without seeing each other.
 */
public final class Streams {

    /** The stream that holds every event: the single source of truth. */
    public static final String EVENTS = "EVENTS";

    /** The first token of every event subject; the stream captures {@code events.>}. */
    public static final String EVENT_SUBJECT_PREFIX = "events";

    /** Aggregate types: the second token of an event subject. */
    public static final String USER = "user";
    public static final String ORGANIZATION = "organization";
    /** One per organisation: the aggregate id is the organisation's id. */
    public static final String SUBSCRIPTION = "subscription";
    public static final String INVOICE = "invoice";

    /** {@code events.<aggregateType>.<aggregateId>} */
    public static String eventSubject(String aggregateType, String aggregateId) {
        return EVENT_SUBJECT_PREFIX + "." + aggregateType + "." + aggregateId;
    }

    /** Every subject of one aggregate type, e.g. {@code events.user.>}. */
    public static String allOf(String aggregateType) {
        return EVENT_SUBJECT_PREFIX + "." + aggregateType + ".>";
    }

    private Streams() {
    }
}
