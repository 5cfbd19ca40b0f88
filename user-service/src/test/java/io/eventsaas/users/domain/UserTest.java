package io.eventsaas.users.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.users.domain.UserCommand.RegisterUser;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("User")
class UserTest {

    private static final UUID ANN = UUID.fromString("0b9a3c52-2b8e-4f55-9c41-6f1c1c8c9a01");
    private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=16384,t=2,p=1$c2FsdA$aGFzaA");

    private static RegisterUser registerAnn() {
        return new RegisterUser(ANN, EmailAddress.parse("Ann@Example.org"), io.eventsaas.users.domain.DisplayName.parse(" Ann "),
                HASH);
    }

    @Nested
    @DisplayName("given no user yet")
    class GivenNoUser {

        @Test
        @DisplayName("when registered, then UserRegistered carries the normalised data and the personal organisation id")
        void registers() {
            List<UserEvent> events = User.decide(User.initial(), registerAnn());

            assertThat(events).containsExactly(new UserRegistered(ANN, "ann@example.org", "Ann", HASH,
                    PersonalOrganization.idFor(ANN)));
        }

        @Test
        @DisplayName("when registered twice with the same user id, then both decisions name the same organisation")
        void personalOrganizationIdIsDerived() {
            UserRegistered first = (UserRegistered) User.decide(User.initial(), registerAnn()).getFirst();
            UserRegistered second = (UserRegistered) User.decide(User.initial(), registerAnn()).getFirst();

            assertThat(first.personalOrganizationId()).isEqualTo(second.personalOrganizationId())
                    .isNotEqualTo(ANN);
        }
    }

    @Nested
    @DisplayName("given a registered user")
    class GivenRegistered {

        private final User.State registered = User.replay(User.decide(User.initial(), registerAnn()));

        @Test
        @DisplayName("then its state holds what was registered")
        void evolves() {
            assertThat(registered).isEqualTo(new User.Registered(ANN, "ann@example.org", "Ann",
                    PersonalOrganization.idFor(ANN)));
        }

        @Test
        @DisplayName("when registered again, then the command is refused")
        void refusesSecondRegistration() {
            assertThatThrownBy(() -> User.decide(registered, registerAnn()))
                    .isInstanceOf(RuleViolationException.class)
                    .hasMessageContaining("already registered");
        }
    }

    @Test
    @DisplayName("an event's toString never shows the password hash")
    void hashStaysOutOfLogs() {
        assertThat(User.decide(User.initial(), registerAnn()).getFirst().toString()).doesNotContain("argon2id");
    }
}
