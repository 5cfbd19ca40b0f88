package io.eventsaas.contracts;

/**
 * Event type names as they appear in {@code EventEnvelope.event_type} and in the {@code Event-Types} header.
 * Each is the simple name of the protobuf message that is the envelope's payload.
 */
public final class EventTypes {

    public static final String USER_REGISTERED = "UserRegistered";
    public static final String ORGANIZATION_CREATED = "OrganizationCreated";

    private EventTypes() {
    }
}
