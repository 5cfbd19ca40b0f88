package io.eventsaas.users.profile;

import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.users.domain.PersonalOrganization;
import io.eventsaas.users.store.UserView;
import io.eventsaas.users.store.UsersReadModel;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Answers from the read model, but never with an answer older than the caller's own write. A registration
 * replies once the instance that served it shows the user; the next request may reach another instance whose
 * read model is a few milliseconds behind. So when the user, or their personal organisation, is missing here,
 * ask the event store whether it exists (one cheap last-message lookup) and, if it does, wait for this read
 * model to apply it. Reads that find everything cost one query and no call to NATS.
 */
@Component
public class GetUserHandler {

    private static final Duration CATCH_UP = Duration.ofSeconds(2);

    private final UsersReadModel readModel;
    private final EventStore eventStore;
    private final ProjectionRunner readModelRunner;

    GetUserHandler(UsersReadModel readModel, EventStore eventStore, ProjectionRunner readModelRunner) {
        this.readModel = readModel;
        this.eventStore = eventStore;
        this.readModelRunner = readModelRunner;
    }

    /**
     * The user, to a caller who may see them: the user themself or a platform admin. Anyone else is told, as for
     * an unknown id, that there is no such user (404): nobody learns which ids exist.
     */
    public Optional<UserView> userSeenBy(UUID userId, UUID callerId, boolean callerIsPlatformAdmin) {
        if (!callerIsPlatformAdmin && !userId.equals(callerId)) {
            return Optional.empty();
        }
        return user(userId);
    }

    /** The user, or empty when no user has this id. */
    public Optional<UserView> user(UUID userId) {
        Optional<UserView> user = readModel.findUser(userId);
        if (user.isEmpty()) {
            if (!caughtUpWith(Streams.USER, userId)) {
                return Optional.empty();
            }
            user = readModel.findUser(userId);
        }
        if (user.isPresent() && user.get().organizations().isEmpty()
                && caughtUpWith(Streams.ORGANIZATION, PersonalOrganization.idFor(userId))) {
            user = readModel.findUser(userId);
        }
        return user;
    }

    /** Waits until this read model has applied the aggregate's last event; false when it has none. */
    private boolean caughtUpWith(String aggregateType, UUID aggregateId) {
        long version = eventStore.versionOf(aggregateType, aggregateId.toString());
        if (version == 0) {
            return false;
        }
        try {
            readModelRunner.awaitPosition(version, CATCH_UP);
        } catch (TimeoutException lagging) {
            // Answer with what there is; the read model is behind for a reason the logs tell.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
