package io.eventsaas.billing.domain;

/**
 * The facts billing reads from user-service's organisations: who belongs to which organisation, in which role. They
 * make the seats and decide who may change billing. billing-service never produces them.
 */
public sealed interface MembershipEvent {

    String organizationId();

    record OrganizationCreated(String organizationId, String ownerUserId) implements MembershipEvent {
    }

    record MemberJoined(String organizationId, String userId, String role) implements MembershipEvent {
    }

    record MemberRoleChanged(String organizationId, String userId, String role) implements MembershipEvent {
    }

    record MemberRemoved(String organizationId, String userId) implements MembershipEvent {
    }

    record OrganizationClosed(String organizationId) implements MembershipEvent {
    }
}
