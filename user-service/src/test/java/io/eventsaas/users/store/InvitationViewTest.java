package io.eventsaas.users.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.users.store.OrganizationsReadModel.InvitationView;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("an invitation as the read model shows it")
class InvitationViewTest {

    private static final Instant EXPIRES = Instant.parse("2030-03-04T10:00:00Z");

    private static InvitationView invitation(String status) {
        return new InvitationView(UUID.randomUUID(), UUID.randomUUID(), "Acme", "bob@example.org", "member",
                UUID.randomUUID(), "Ada", EXPIRES.minusSeconds(3600), EXPIRES, status);
    }

    @Test
    @DisplayName("an open invitation expires at its expiry time, as accepting it and the sweep see it")
    void expiry() {
        assertThat(invitation("open").expiredAt(EXPIRES.minusMillis(1))).isFalse();
        assertThat(invitation("open").expiredAt(EXPIRES)).isTrue();
        assertThat(invitation("open").expiredAt(EXPIRES.plusSeconds(1))).isTrue();
    }

    @Test
    @DisplayName("an accepted or revoked invitation keeps its status past the expiry time")
    void closedInvitationsDoNotExpire() {
        assertThat(invitation("accepted").expiredAt(EXPIRES.plusSeconds(1))).isFalse();
        assertThat(invitation("revoked").expiredAt(EXPIRES.plusSeconds(1))).isFalse();
    }

    @Test
    @DisplayName("without its address, it is the same invitation with an empty address")
    void withoutAddress() {
        InvitationView open = invitation("open");

        assertThat(open.withoutAddress()).usingRecursiveComparison().ignoringFields("email").isEqualTo(open);
        assertThat(open.withoutAddress().email()).isEmpty();
    }
}
