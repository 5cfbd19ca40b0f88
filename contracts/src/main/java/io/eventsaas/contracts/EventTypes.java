package io.eventsaas.contracts;

/**
 * Event type names as they appear in {@code EventEnvelope.event_type} and in the {@code Event-Types} header.
 * Each is the simple name of the protobuf message that is the envelope's payload.
 */
public final class EventTypes {

    public static final String USER_REGISTERED = "UserRegistered";
    public static final String ORGANIZATION_CREATED = "OrganizationCreated";
    public static final String USER_RENAMED = "UserRenamed";
    public static final String PASSWORD_CHANGED = "PasswordChanged";
    public static final String USER_ERASED = "UserErased";
    public static final String MEMBER_INVITED = "MemberInvited";
    public static final String INVITATION_REVOKED = "InvitationRevoked";
    public static final String MEMBER_JOINED = "MemberJoined";
    public static final String MEMBER_ROLE_CHANGED = "MemberRoleChanged";
    public static final String MEMBER_REMOVED = "MemberRemoved";
    public static final String ORGANIZATION_CLOSED = "OrganizationClosed";
    public static final String API_KEY_CREATED = "ApiKeyCreated";
    public static final String API_KEY_REVOKED = "ApiKeyRevoked";

    private EventTypes() {
    }
}
