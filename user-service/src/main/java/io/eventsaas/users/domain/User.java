package io.eventsaas.users.domain;

import io.eventsaas.users.domain.UserCommand.RegisterUser;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import java.util.List;
import java.util.UUID;

/** The user aggregate as a decider: its rules, without any storage or transport. */
public final class User {

    private User() {
    }

    public sealed interface State permits NotRegistered, Registered {
    }

    public record NotRegistered() implements State {
    }

    public record Registered(UUID userId, String email, String displayName, UUID personalOrganizationId)
            implements State {
    }

    public static State initial() {
        return new NotRegistered();
    }

    public static List<UserEvent> decide(State state, UserCommand command) {
        return switch (command) {
            case RegisterUser register -> switch (state) {
                case NotRegistered notYet -> List.of(new UserRegistered(register.userId(),
                        register.email().value(), register.displayName().value(), register.passwordHash(),
                        PersonalOrganization.idFor(register.userId())));
                case Registered registered ->
                        throw new RuleViolationException("user " + registered.userId() + " is already registered");
            };
        };
    }

    public static State evolve(State state, UserEvent event) {
        return switch (event) {
            case UserRegistered registered -> new Registered(registered.userId(), registered.email(),
                    registered.displayName(), registered.personalOrganizationId());
        };
    }

    public static State replay(List<? extends UserEvent> events) {
        State state = initial();
        for (UserEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
