package io.eventsaas.gateway.orgs;

import java.time.Instant;

/** A new invitation; its token is shown once (user-service keeps only a hash) and makes the accept link. */
public record IssuedInvitation(String invitationId, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedInvitation[invitationId=" + invitationId + ", expiresAt=" + expiresAt + "]";
    }
}
