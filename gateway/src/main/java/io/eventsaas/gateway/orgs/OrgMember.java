package io.eventsaas.gateway.orgs;

import java.time.Instant;

/** A member of an organisation and their role. An erased user has no name or e-mail any more. */
public record OrgMember(String userId, String name, String email, String role, Instant joinedAt) {
}
