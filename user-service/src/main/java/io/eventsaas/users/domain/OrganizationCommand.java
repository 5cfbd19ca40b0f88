package io.eventsaas.users.domain;

import java.time.Instant;
import java.util.UUID;

/** What can be asked of an organisation. */
public sealed interface OrganizationCommand {

    /** Give a newly registered user the organisation every user has: their own, named "Personal". */
    record CreatePersonalOrganization(UUID organizationId, UUID ownerUserId) implements OrganizationCommand {
    }

    /** A signed-in user creates an organisation and becomes its owner. */
    record CreateOrganization(UUID organizationId, String name, UUID ownerUserId) implements OrganizationCommand {
    }

    /**
     * @param now       to tell which invitations are still open (they take seats)
     * @param seatLimit the seats the organisation's plan allows, as the handler read them from billing's events
     */
    record InviteMember(OrganizationActor actor, UUID invitationId, String email, OrganizationRole role,
            String tokenSha256, Instant expiresAt, Instant now, SeatLimit seatLimit) implements OrganizationCommand {
    }

    record RevokeInvitation(OrganizationActor actor, UUID invitationId) implements OrganizationCommand {
    }

    /** @param seatLimit the seats the organisation's plan allows, as the handler read them from billing's events */
    record AcceptInvitation(UUID userId, String tokenSha256, Instant now, SeatLimit seatLimit)
            implements OrganizationCommand {
    }

    record ChangeMemberRole(OrganizationActor actor, UUID userId, OrganizationRole role)
            implements OrganizationCommand {
    }

    /** Remove a member, or leave when the actor is that member. */
    record RemoveMember(OrganizationActor actor, UUID userId) implements OrganizationCommand {
    }

    /** The user was erased: they leave, and the organisation keeps an owner or closes. */
    record LeaveOnErasure(UUID userId) implements OrganizationCommand {
    }

    record CreateApiKey(OrganizationActor actor, UUID apiKeyId, String name, OrganizationRole role,
            String secretSha256, String prefix) implements OrganizationCommand {
    }

    record RevokeApiKey(OrganizationActor actor, UUID apiKeyId) implements OrganizationCommand {
    }
}
