package io.eventsaas.users.admins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PlatformAdmins (ADMIN_EMAILS)")
class PlatformAdminsTest {

    @Test
    @DisplayName("given addresses in any case and with spaces, then the normalised addresses are admins, nobody else")
    void normalised() {
        PlatformAdmins admins = new PlatformAdmins(new AdminSettings(List.of(" Root@Example.org ", "", "ops@example.org")));

        assertThat(admins.isAdmin("root@example.org")).isTrue();
        assertThat(admins.isAdmin("ops@example.org")).isTrue();
        assertThat(admins.isAdmin("other@example.org")).isFalse();
        assertThat(admins.isAdmin("")).as("an erased user has no address").isFalse();
        assertThat(admins.isAdmin(null)).isFalse();
    }

    @Test
    @DisplayName("given no ADMIN_EMAILS, then nobody is an admin")
    void none() {
        assertThat(new PlatformAdmins(new AdminSettings(List.of())).isAdmin("root@example.org")).isFalse();
    }

    @Test
    @DisplayName("given an entry that is not an address, then start-up stops with one clear line")
    void invalidStopsStartUp() {
        assertThatThrownBy(() -> new AdminSettings(List.of("root@example.org", "not-an-address")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ADMIN_EMAILS").hasMessageContaining("not-an-address");
    }
}
