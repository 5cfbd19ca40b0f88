package io.eventsaas.users.store;

import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.projection.ProjectionRunner;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Users' accounts from this instance's read model, never older than what the caller knows: another instance may
 * have appended a moment ago, and this read model applies it a few milliseconds later.
 *
 * <p>{@link #current} is for commands: it asks the event store for the user's version (one last-message lookup)
 * and waits for the read model to reach it, so a command decides on the latest state and appends at the right
 * expected sequence. {@link #known} is for reads on the hot path (authenticating a session): it asks the event
 * store only when the read model does not know the user at all.
 */
public final class Accounts {

    private static final Duration CATCH_UP = Duration.ofSeconds(2);

    private final UsersReadModel readModel;
    private final EventStore eventStore;
    private final ProjectionRunner readModelRunner;

    Accounts(UsersReadModel readModel, EventStore eventStore, ProjectionRunner readModelRunner) {
        this.readModel = readModel;
        this.eventStore = eventStore;
        this.readModelRunner = readModelRunner;
    }

    /** The account as of the user's last event in the stream; empty when there is no such user. */
    public Optional<Account> current(UUID userId) {
        long version = eventStore.versionOf(Streams.USER, userId.toString());
        if (version == 0) {
            return Optional.empty();
        }
        Optional<Account> account = readModel.findAccount(userId);
        if (account.isPresent() && account.get().version() >= version) {
            return account;
        }
        awaitReadModel(version);
        return readModel.findAccount(userId);
    }

    /** The account as this read model knows it; asks the stream only when the user is missing here. */
    public Optional<Account> known(UUID userId) {
        Optional<Account> account = readModel.findAccount(userId);
        if (account.isPresent()) {
            return account;
        }
        long version = eventStore.versionOf(Streams.USER, userId.toString());
        if (version == 0) {
            return Optional.empty();
        }
        awaitReadModel(version);
        return readModel.findAccount(userId);
    }

    /** The account registered with this normalised address, as this read model knows it. */
    public Optional<Account> byEmail(String normalisedEmail) {
        return readModel.findAccountByEmail(normalisedEmail);
    }

    /** Waits (a little) until this read model has applied the event at {@code sequence}. */
    public void awaitReadModel(long sequence) {
        try {
            readModelRunner.awaitPosition(sequence, CATCH_UP);
        } catch (TimeoutException lagging) {
            // Answer with what there is; the read model is behind for a reason the logs tell.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
