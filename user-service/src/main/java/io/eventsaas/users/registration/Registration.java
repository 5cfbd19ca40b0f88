package io.eventsaas.users.registration;

import java.util.UUID;

/** The answer to a registration: the new user and their personal organisation. */
public record Registration(UUID userId, UUID organizationId) {
}
