package io.eventsaas.users.domain;

import java.util.UUID;

/** Who asks something of an organisation. */
public sealed interface OrganizationActor {

    /** A signed-in user: acts with their role in the organisation, if they are a member. */
    record User(UUID userId) implements OrganizationActor {
    }

    /** An API key: acts only on its own organisation, with its own role. */
    record ApiKey(UUID apiKeyId) implements OrganizationActor {
    }

    /** A policy of this service (an owner's erasure): no person asked. */
    record Policy() implements OrganizationActor {
    }

    /** The user id recorded in events as who did it; null for an API key or a policy. */
    default UUID userIdOrNull() {
        return this instanceof User user ? user.userId() : null;
    }
}
