package io.eventsaas.users.profile;

import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.Appended;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.RuleViolationException;
import io.eventsaas.users.domain.User;
import io.eventsaas.users.domain.UserCommand;
import io.eventsaas.users.domain.UserEvent;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.store.Account;
import io.eventsaas.users.store.Accounts;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The application service of the user aggregate after registration: load (the read model, caught up with the
 * stream), decide, append at the version the decision was made on, and wait until the read model shows the result.
 * A conflict (another instance changed the user in between) means "load again and decide again".
 */
@Component
public class UserCommands {

    private static final int ATTEMPTS = 3;

    private final Accounts accounts;
    private final EventStore eventStore;
    private final DomainEventCodec codec;

    UserCommands(Accounts accounts, EventStore eventStore, DomainEventCodec codec) {
        this.accounts = accounts;
        this.eventStore = eventStore;
        this.codec = codec;
    }

    /** What a command did: the account it was decided on, and the events appended (none when nothing changed). */
    public record Outcome(Account before, List<UserEvent> events, long version) {
    }

    /**
     * Loads the user, checks the loaded account with {@code check} (which may refuse by throwing), decides the
     * command it returns and appends the events.
     *
     * @param operation names the command in the message id ({@code <operation>:<user>:<version>:<correlation>}): a
     *                  retry of the same request whose append reached the stream is a duplicate, not a second
     *                  change; another request decided at the same version gets a conflict (not a false duplicate)
     *                  and decides again
     * @throws RpcException 404 when there is no such user, 410 when the user was erased, 409 when the aggregate
     *                      refuses or keeps changing
     */
    public Outcome execute(UUID userId, String operation, String correlationId, String causationId,
            Function<Account, UserCommand> check) {
        for (int attempt = 1; ; attempt++) {
            Account account = accounts.current(userId)
                    .orElseThrow(() -> RpcException.notFound("no user with id '" + userId + "'"));
            if (account.erased()) {
                throw RpcException.gone("user " + userId + " was erased");
            }
            UserCommand command = check.apply(account);
            List<UserEvent> events;
            try {
                events = User.decide(stateOf(account), command);
            } catch (RuleViolationException e) {
                throw RpcException.conflict(e.getMessage());
            }
            if (events.isEmpty()) {
                return new Outcome(account, events, account.version());
            }
            Append append = new Append(Streams.USER, userId.toString(), account.version(),
                    operation + ":" + userId + ":" + account.version() + ":" + correlationId, correlationId,
                    causationId,
                    events.stream().map(codec::encode).toList());
            try {
                Appended appended = eventStore.append(append);
                accounts.awaitReadModel(appended.sequence());
                return new Outcome(account, events, appended.sequence());
            } catch (AppendConflictException e) {
                if (attempt >= ATTEMPTS) {
                    throw RpcException.conflict("user " + userId + " keeps changing; try again");
                }
            }
        }
    }

    static User.State stateOf(Account account) {
        if (account.erased()) {
            return new User.Erased(account.userId(), account.personalOrganizationId());
        }
        return new User.Registered(account.userId(), account.email(), account.displayName(),
                account.passwordHash() == null ? null : new PasswordHash(account.passwordHash()),
                account.personalOrganizationId());
    }
}
