package io.eventsaas.gateway.orgs;

import java.time.Instant;

/**
 * What an invitation link offers: which organisation, which role, who invited, to which address, and whether it is
 * still {@code open} (else {@code accepted}, {@code revoked} or {@code expired}).
 */
public record InvitationSummary(String invitationId, String orgId, String orgName, String role, String invitedByName,
        String email, String status, Instant expiresAt) {

    public boolean isOpen() {
        return "open".equals(status);
    }
}
