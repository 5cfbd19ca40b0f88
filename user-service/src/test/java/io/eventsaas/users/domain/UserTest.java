package io.eventsaas.users.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.users.domain.UserCommand.ChangePassword;
import io.eventsaas.users.domain.UserCommand.EraseUser;
import io.eventsaas.users.domain.UserCommand.RegisterUser;
import io.eventsaas.users.domain.UserCommand.RenameUser;
import io.eventsaas.users.domain.UserEvent.PasswordChanged;
import io.eventsaas.users.domain.UserEvent.UserErased;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import io.eventsaas.users.domain.UserEvent.UserRenamed;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("User")
class UserTest {

    private static final UUID ANN = UUID.fromString("0b9a3c52-2b8e-4f55-9c41-6f1c1c8c9a01");
    private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=16384,t=2,p=1$c2FsdA$aGFzaA");
    private static final PasswordHash NEW_HASH = new PasswordHash("$argon2id$v=19$m=16384,t=2,p=1$bmV3$bmV3aGFzaA");

    private static RegisterUser registerAnn() {
        return new RegisterUser(ANN, EmailAddress.parse("Ann@Example.org"), io.eventsaas.users.domain.DisplayName.parse(" Ann "), HASH);
    }

    private static User.State given(UserCommand... commands) {
        User.State state = User.initial();
        for (UserCommand command : commands) {
            for (UserEvent event : User.decide(state, command)) {
                state = User.evolve(state, event);
            }
        }
        return state;
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

        @Test
        @DisplayName("when renamed, changed or erased, then the command is refused")
        void refusesEverythingButRegistration() {
            for (UserCommand command : List.of(new RenameUser(ANN, io.eventsaas.users.domain.DisplayName.parse("Bo")),
                    new ChangePassword(ANN, NEW_HASH), new EraseUser(ANN))) {
                assertThatThrownBy(() -> User.decide(User.initial(), command))
                        .as(command.toString()).isInstanceOf(RuleViolationException.class);
            }
        }
    }

    @Nested
    @DisplayName("given a registered user")
    class GivenRegistered {

        private final User.State registered = given(registerAnn());

        @Test
        @DisplayName("then its state holds what was registered")
        void evolves() {
            assertThat(registered).isEqualTo(new User.Registered(ANN, "ann@example.org", "Ann", HASH,
                    PersonalOrganization.idFor(ANN)));
        }

        @Test
        @DisplayName("when registered again, then the command is refused")
        void refusesSecondRegistration() {
            assertThatThrownBy(() -> User.decide(registered, registerAnn()))
                    .isInstanceOf(RuleViolationException.class)
                    .hasMessageContaining("already registered");
        }

        @Test
        @DisplayName("when renamed, then UserRenamed, and the state has the new name")
        void renames() {
            List<UserEvent> events = User.decide(registered, new RenameUser(ANN, io.eventsaas.users.domain.DisplayName.parse(" Ann Lee ")));

            assertThat(events).containsExactly(new UserRenamed(ANN, "Ann Lee"));
            assertThat(User.evolve(registered, events.getFirst())).isEqualTo(new User.Registered(ANN,
                    "ann@example.org", "Ann Lee", HASH, PersonalOrganization.idFor(ANN)));
        }

        @Test
        @DisplayName("when renamed to the name it has, then nothing happens (a retry changes nothing)")
        void sameNameIsNoChange() {
            assertThat(User.decide(registered, new RenameUser(ANN, io.eventsaas.users.domain.DisplayName.parse("Ann")))).isEmpty();
        }

        @Test
        @DisplayName("when the password changes, then PasswordChanged with the new hash, and the state has it")
        void changesPassword() {
            List<UserEvent> events = User.decide(registered, new ChangePassword(ANN, NEW_HASH));

            assertThat(events).containsExactly(new PasswordChanged(ANN, NEW_HASH));
            assertThat(((User.Registered) User.evolve(registered, events.getFirst())).passwordHash())
                    .isEqualTo(NEW_HASH);
        }

        @Test
        @DisplayName("when erased, then UserErased")
        void erases() {
            assertThat(User.decide(registered, new EraseUser(ANN))).containsExactly(new UserErased(ANN));
        }
    }

    @Nested
    @DisplayName("given an erased user")
    class GivenErased {

        private final User.State erased = given(registerAnn(), new EraseUser(ANN));

        @Test
        @DisplayName("then the state keeps no personal data")
        void keepsNothingPersonal() {
            assertThat(erased).isEqualTo(new User.Erased(ANN, PersonalOrganization.idFor(ANN)));
        }

        @Test
        @DisplayName("when erased again, then nothing happens (erasure is safe to repeat)")
        void erasureIsIdempotent() {
            assertThat(User.decide(erased, new EraseUser(ANN))).isEmpty();
        }

        @Test
        @DisplayName("when renamed, changed or registered again, then the command is refused")
        void refusesEverything() {
            for (UserCommand command : List.of(new RenameUser(ANN, io.eventsaas.users.domain.DisplayName.parse("Bo")),
                    new ChangePassword(ANN, NEW_HASH), registerAnn())) {
                assertThatThrownBy(() -> User.decide(erased, command))
                        .as(command.toString()).isInstanceOf(RuleViolationException.class)
                        .hasMessageContaining("erased");
            }
        }
    }

    @Test
    @DisplayName("given events whose personal data can no longer be read, then replaying them shows the user erased "
            + "and the later events change nothing")
    void unreadableDataReplays() {
        User.State state = User.replay(List.of(UserRegistered.withErasedData(ANN, PersonalOrganization.idFor(ANN)),
                new UserRenamed(ANN, null), new PasswordChanged(ANN, null), new UserErased(ANN)));

        assertThat(state).isEqualTo(new User.Erased(ANN, PersonalOrganization.idFor(ANN)));
        assertThat(UserRegistered.withErasedData(ANN, ANN).displayName()).isEqualTo(User.ERASED_NAME);
        assertThat(UserRegistered.withErasedData(ANN, ANN).isErased()).isTrue();
    }

    @Test
    @DisplayName("an event's toString never shows the password hash")
    void hashStaysOutOfLogs() {
        assertThat(User.decide(User.initial(), registerAnn()).getFirst().toString()).doesNotContain("argon2id");
        assertThat(new PasswordChanged(ANN, NEW_HASH).toString()).doesNotContain("argon2id");
    }
}
