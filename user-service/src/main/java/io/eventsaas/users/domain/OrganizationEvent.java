package io.eventsaas.users.domain;

import java.time.Instant;
import java.util.UUID;

/** What can happen to an organisation. All of it is on events.organization.&lt;organizationId&gt;. */
public sealed interface OrganizationEvent extends DomainEvent permits OrganizationEvent.OrganizationCreated,
        OrganizationEvent.MemberInvited, OrganizationEvent.InvitationRevoked, OrganizationEvent.MemberJoined,
        OrganizationEvent.MemberRoleChanged, OrganizationEvent.MemberRemoved, OrganizationEvent.OrganizationClosed,
        OrganizationEvent.ApiKeyCreated, OrganizationEvent.ApiKeyRevoked {

    UUID organizationId();

    /** An organisation came to be, with its owner as its first member. */
    record OrganizationCreated(UUID organizationId, String name, UUID ownerUserId, boolean personal)
            implements OrganizationEvent {
    }

    /**
     * Someone was invited by e-mail. The address is personal data (sealed in the stream under the key
     * {@code invitation-<invitationId>}; empty once that key is gone); of the token only its SHA-256 is kept.
     *
     * @param invitedByUserId null when an API key invited
     */
    record MemberInvited(UUID organizationId, UUID invitationId, String email, OrganizationRole role,
            UUID invitedByUserId, Instant expiresAt, String tokenSha256) implements OrganizationEvent {
    }

    record InvitationRevoked(UUID organizationId, UUID invitationId, UUID revokedByUserId)
            implements OrganizationEvent {
    }

    /** A user accepted an invitation and is a member now. */
    record MemberJoined(UUID organizationId, UUID userId, OrganizationRole role, UUID invitationId)
            implements OrganizationEvent {
    }

    /** @param changedByUserId null when an API key or a policy changed it */
    record MemberRoleChanged(UUID organizationId, UUID userId, OrganizationRole role, OrganizationRole previousRole,
            UUID changedByUserId) implements OrganizationEvent {
    }

    /**
     * @param removedByUserId the member themself when they left; null when an API key or a policy removed them
     * @param reason          "removed", "left" or "erased"
     */
    record MemberRemoved(UUID organizationId, UUID userId, UUID removedByUserId, String reason)
            implements OrganizationEvent {

        public static final String REMOVED = "removed";
        public static final String LEFT = "left";
        public static final String ERASED = "erased";
    }

    /** No members, keys or invitations any more; the history stays. */
    record OrganizationClosed(UUID organizationId, String reason) implements OrganizationEvent {

        public static final String OWNER_ERASED = "owner-erased";
    }

    /** @param createdByUserId null when another API key created it */
    record ApiKeyCreated(UUID organizationId, UUID apiKeyId, String name, OrganizationRole role, String secretSha256,
            String prefix, UUID createdByUserId) implements OrganizationEvent {
    }

    record ApiKeyRevoked(UUID organizationId, UUID apiKeyId, UUID revokedByUserId) implements OrganizationEvent {
    }
}
