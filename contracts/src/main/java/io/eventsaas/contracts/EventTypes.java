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

    // billing-service
    public static final String SUBSCRIPTION_STARTED = "SubscriptionStarted";
    public static final String PAYMENT_METHOD_ATTACHED = "PaymentMethodAttached";
    public static final String PLAN_CHANGED = "PlanChanged";
    public static final String PLAN_CHANGE_SCHEDULED = "PlanChangeScheduled";
    public static final String CANCELLATION_SCHEDULED = "CancellationScheduled";
    public static final String CANCELLATION_WITHDRAWN = "CancellationWithdrawn";
    public static final String SUBSCRIPTION_RENEWED = "SubscriptionRenewed";
    public static final String SUBSCRIPTION_PAST_DUE = "SubscriptionPastDue";
    public static final String INVOICE_ISSUED = "InvoiceIssued";
    public static final String INVOICE_PAID = "InvoicePaid";
    public static final String INVOICE_PAYMENT_FAILED = "InvoicePaymentFailed";

    private EventTypes() {
    }
}
