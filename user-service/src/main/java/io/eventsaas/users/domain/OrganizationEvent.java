package io.eventsaas.users.domain;

import java.util.UUID;

/** What can happen to an organisation. */
public sealed interface OrganizationEvent extends DomainEvent permits OrganizationEvent.OrganizationCreated {

    UUID organizationId();

    /** An organisation came to be, with its owner as its first member. */
    record OrganizationCreated(UUID organizationId, String name, UUID ownerUserId, boolean personal)
            implements OrganizationEvent {
    }
}
