package io.eventsaas.gateway.users;

import java.time.Instant;
import java.util.List;

/** A user as the users service describes them, with the organisations they belong to. */
public record UserProfile(String userId, String email, String name, Instant registeredAt, List<Membership> orgs,
        boolean platformAdmin) {

    public UserProfile {
        orgs = List.copyOf(orgs);
    }

    /** An organisation the user belongs to, with their role in it; the API shows it as it is ({@code orgs}). */
    public record Membership(String orgId, String name, String role, boolean personal) {
    }
}
