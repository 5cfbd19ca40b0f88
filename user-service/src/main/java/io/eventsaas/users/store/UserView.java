package io.eventsaas.users.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the read model shows them, with the organisations they belong to. */
public record UserView(UUID userId, String email, String displayName, Instant registeredAt,
        List<MembershipView> organizations) {

    public UserView {
        organizations = List.copyOf(organizations);
    }

    /** One organisation of a user, and the user's role in it. */
    public record MembershipView(UUID organizationId, String name, String role, boolean personal) {
    }
}
