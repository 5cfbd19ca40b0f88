package io.eventsaas.gateway.orgs;

import java.time.Instant;

/** An organisation as its member sees it, with the caller's own role in it. */
public record Organization(String orgId, String name, boolean personal, String callerRole, int memberCount,
        Instant createdAt) {

    /** Owners and admins manage members, invitations and API keys (the service enforces it; the page only hides). */
    public boolean callerManages() {
        return "owner".equals(callerRole) || "admin".equals(callerRole);
    }
}
