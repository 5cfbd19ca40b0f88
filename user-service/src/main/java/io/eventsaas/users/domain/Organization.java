package io.eventsaas.users.domain;

import io.eventsaas.users.domain.OrganizationCommand.CreatePersonalOrganization;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationCreated;
import java.util.List;
import java.util.UUID;

/** The organisation aggregate as a decider. */
public final class Organization {

    private Organization() {
    }

    public sealed interface State permits NoOrganization, Existing {
    }

    public record NoOrganization() implements State {
    }

    public record Existing(UUID organizationId, String name, UUID ownerUserId, boolean personal) implements State {
    }

    public static State initial() {
        return new NoOrganization();
    }

    public static List<OrganizationEvent> decide(State state, OrganizationCommand command) {
        return switch (command) {
            case CreatePersonalOrganization create -> switch (state) {
                case NoOrganization none -> List.of(new OrganizationCreated(create.organizationId(),
                        PersonalOrganization.nameFor(create.ownerDisplayName()), create.ownerUserId(), true));
                case Existing existing -> throw new RuleViolationException(
                        "organisation " + existing.organizationId() + " already exists");
            };
        };
    }

    public static State evolve(State state, OrganizationEvent event) {
        return switch (event) {
            case OrganizationCreated created -> new Existing(created.organizationId(), created.name(),
                    created.ownerUserId(), created.personal());
        };
    }
}
