package io.eventsaas.users.domain;

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

/** The user aggregate as a decider: its rules, without any storage or transport. */
public final class User {

    /** How an erased user is shown wherever a name is expected. */
    public static final String ERASED_NAME = "Erased user";

    private User() {
    }

    public sealed interface State permits NotRegistered, Registered, Erased {
    }

    public record NotRegistered() implements State {
    }

    /** @param passwordHash null only when the personal data could not be read */
    public record Registered(UUID userId, String email, String displayName, PasswordHash passwordHash,
            UUID personalOrganizationId) implements State {
    }

    /** Erased for good: nothing more can happen to this user. */
    public record Erased(UUID userId, UUID personalOrganizationId) implements State {
    }

    public static State initial() {
        return new NotRegistered();
    }

    /**
     * The events a command leads to. An empty list means "nothing to do": the state already is what the command
     * asks for (the same name again, an erasure repeated), so a retried command changes nothing.
     *
     * @throws RuleViolationException when the state forbids the command
     */
    public static List<UserEvent> decide(State state, UserCommand command) {
        return switch (command) {
            case RegisterUser register -> switch (state) {
                case NotRegistered notYet -> List.of(new UserRegistered(register.userId(),
                        register.email().value(), register.displayName().value(), register.passwordHash(),
                        PersonalOrganization.idFor(register.userId())));
                case Registered registered ->
                        throw new RuleViolationException("user " + registered.userId() + " is already registered");
                case Erased erased ->
                        throw new RuleViolationException("user " + erased.userId() + " was erased");
            };
            case RenameUser rename -> {
                Registered registered = registered(state);
                yield registered.displayName().equals(rename.displayName().value()) ? List.of()
                        : List.of(new UserRenamed(registered.userId(), rename.displayName().value()));
            }
            case ChangePassword change -> List.of(new PasswordChanged(registered(state).userId(),
                    change.newPasswordHash()));
            case EraseUser erase -> switch (state) {
                case NotRegistered notYet -> throw new RuleViolationException("no user " + erase.userId());
                case Registered registered -> List.of(new UserErased(registered.userId()));
                case Erased erased -> List.of();
            };
        };
    }

    public static State evolve(State state, UserEvent event) {
        return switch (event) {
            case UserRegistered registered -> new Registered(registered.userId(), registered.email(),
                    registered.displayName(), registered.passwordHash(), registered.personalOrganizationId());
            case UserRenamed renamed -> state instanceof Registered r && renamed.displayName() != null
                    ? new Registered(r.userId(), r.email(), renamed.displayName(), r.passwordHash(),
                            r.personalOrganizationId())
                    : state;
            case PasswordChanged changed -> state instanceof Registered r && changed.passwordHash() != null
                    ? new Registered(r.userId(), r.email(), r.displayName(), changed.passwordHash(),
                            r.personalOrganizationId())
                    : state;
            case UserErased erased -> new Erased(erased.userId(),
                    state instanceof Registered r ? r.personalOrganizationId() : null);
        };
    }

    public static State replay(List<? extends UserEvent> events) {
        State state = initial();
        for (UserEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static Registered registered(State state) {
        return switch (state) {
            case Registered registered -> registered;
            case NotRegistered notYet -> throw new RuleViolationException("no such user");
            case Erased erased -> throw new RuleViolationException("user " + erased.userId() + " was erased");
        };
    }
}
