package io.eventsaas.gateway.orgs;

import java.time.Instant;

/** An invitation nobody has accepted, revoked or let expire yet. */
public record OpenInvitation(String invitationId, String email, String role, String invitedByUserId,
        Instant invitedAt, Instant expiresAt) {
}
