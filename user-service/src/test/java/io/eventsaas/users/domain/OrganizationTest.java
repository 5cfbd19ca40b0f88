package io.eventsaas.users.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.users.domain.OrganizationCommand.CreatePersonalOrganization;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationCreated;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Organization")
class OrganizationTest {

    private static final UUID OWNER = UUID.fromString("5d0f4c0e-8d1e-4b55-a3c1-2f2c7d0e9b11");
    private static final UUID ORG = PersonalOrganization.idFor(OWNER);

    @Test
    @DisplayName("given none, when the personal organisation is created, then it is named \"Personal\" (not after its owner: organisation names are not sealed)")
    void createsPersonalOrganization() {
        var events = Organization.decide(Organization.initial(), new CreatePersonalOrganization(ORG, OWNER, "Ann"));

        assertThat(events).containsExactly(new OrganizationCreated(ORG, "Personal", OWNER, true));
    }

    @Test
    @DisplayName("given it exists, when created again, then the command is refused")
    void refusesSecondCreation() {
        var created = Organization.decide(Organization.initial(), new CreatePersonalOrganization(ORG, OWNER, "Ann"));
        Organization.State state = Organization.evolve(Organization.initial(), created.getFirst());

        assertThat(state).isEqualTo(new Organization.Existing(ORG, "Personal", OWNER, true));
        assertThatThrownBy(() -> Organization.decide(state, new CreatePersonalOrganization(ORG, OWNER, "Ann")))
                .isInstanceOf(RuleViolationException.class);
    }
}
