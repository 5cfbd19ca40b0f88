package io.eventsaas.contracts;

/**
 * Durable consumers on the EVENTS stream. A durable consumer is shared by all instances of its service
 * (queue semantics: each event goes to one instance); use it for events whose handling produces new events.
 */
public final class Consumers {

    /** user-service: UserRegistered -> OrganizationCreated (the user's personal organisation). */
    public static final String USERS_PERSONAL_ORGANIZATIONS = "users-personal-organizations";

    /** user-service: UserErased -> MemberRemoved, MemberRoleChanged or OrganizationClosed in each of their organisations. */
    public static final String USERS_ERASED_MEMBERSHIPS = "users-erased-memberships";

    /**
     * user-service: UserErased -> ends the user's sessions, frees their e-mail claim and destroys their personal-data
     * key (again: the erasure does it before replying; this repeats it after a crash between the steps).
     */
    public static final String USERS_ERASED_PERSONAL_DATA = "users-erased-personal-data";

    /**
     * user-service: MemberJoined (by invitation), InvitationRevoked, OrganizationClosed -> destroys the invitee's
     * address key (again: accept and revoke do it before replying; this repeats it after a crash in between).
     */
    public static final String USERS_CLOSED_INVITATIONS = "users-closed-invitations";

    /** billing-service: OrganizationCreated -> SubscriptionStarted (Free). */
    public static final String BILLING_FREE_PLANS = "billing-free-plans";

    private Consumers() {
    }
}
