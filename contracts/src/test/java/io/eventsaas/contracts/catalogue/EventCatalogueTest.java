package io.eventsaas.contracts.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.ContractDescriptors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The event catalogue docs/events.md")
class EventCatalogueTest {

    private static final Path CATALOGUE = Path.of("../docs/events.md");

    @Test
    @DisplayName("given the contracts, when the catalogue is rendered, then the committed docs/events.md is identical")
    void committedCatalogueMatchesTheContracts() throws IOException {
        String rendered = EventCatalogue.render(ContractDescriptors.current());

        if (Boolean.getBoolean("catalogue.write")) {
            Files.writeString(CATALOGUE, rendered);
        }

        String committed = Files.exists(CATALOGUE) ? Files.readString(CATALOGUE) : "";
        assertThat(committed)
                .withFailMessage("docs/events.md does not match contracts/src/main/proto. Regenerate it with%n  %s%n"
                        + "and commit it.", EventCatalogue.REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    @DisplayName("given the contracts, then each event is listed with its subject, and field comments from the .proto")
    void rendersEventsWithSubjectsAndComments() {
        String rendered = EventCatalogue.render(ContractDescriptors.current());

        assertThat(rendered)
                .contains("| [UserRegistered](#userregistered) | user | `events.user.<id>` | 2 |")
                .contains("| [OrganizationCreated](#organizationcreated) | organization | `events.organization.<id>` | 1 |")
                .contains("| 3 | `password_hash` | string | Argon2id, PHC string format; never the password |")
                .contains("| `rpc.users.register-user` | [RegisterUser](#registeruser) | [UserRegistration](#userregistration) |")
                .contains("| `email-claims` |");
    }
}
