package io.eventsaas.users.domain;

import java.util.UUID;

/** What can be asked of an organisation. */
public sealed interface OrganizationCommand permits OrganizationCommand.CreatePersonalOrganization {

    /** Give a newly registered user the organisation every user has: their own. */
    record CreatePersonalOrganization(UUID organizationId, UUID ownerUserId, String ownerDisplayName)
            implements OrganizationCommand {
    }
}
