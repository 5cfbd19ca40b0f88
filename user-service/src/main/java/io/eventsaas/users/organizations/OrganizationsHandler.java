package io.eventsaas.users.organizations;

import io.eventsaas.users.access.Access;
import io.eventsaas.users.access.Validation;
import io.eventsaas.users.domain.OrganizationActor;
import io.eventsaas.users.domain.OrganizationCommand.CreateOrganization;
import io.eventsaas.users.domain.OrganizationRole;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Creates an organisation (its creator is its owner) and shows one to its members. */
public final class OrganizationsHandler {

    private final OrganizationCommands commands;
    private final Access access;

    public OrganizationsHandler(OrganizationCommands commands, Access access) {
        this.commands = commands;
        this.access = access;
    }

    /**
     * The organisation's id comes from the creator and the command id: a retried command finds its organisation
     * and creates no second one.
     */
    public Access.Granted create(UUID userId, String commandId, String name, String correlationId) {
        Validation validation = new Validation();
        String validName = validation.name("name", name);
        String validCommandId = validation.commandId(commandId);
        validation.check();
        UUID organizationId = UUID.nameUUIDFromBytes(("organization:" + userId + ":" + validCommandId)
                .getBytes(StandardCharsets.UTF_8));
        commands.execute(organizationId, new CreateOrganization(organizationId, validName, userId),
                version -> "create-organization:" + organizationId, correlationId);
        return access.require(new OrganizationActor.User(userId), organizationId.toString(), OrganizationRole.MEMBER);
    }

    public Access.Granted get(OrganizationActor actor, String organizationId) {
        return access.require(actor, organizationId, OrganizationRole.MEMBER);
    }

}
