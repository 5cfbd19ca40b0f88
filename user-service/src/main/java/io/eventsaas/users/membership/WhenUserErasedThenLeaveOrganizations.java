package io.eventsaas.users.membership;

import io.eventsaas.contracts.Consumers;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.policy.Policy;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.users.domain.OrganizationCommand.LeaveOnErasure;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.organizations.OrganizationCommands;
import io.eventsaas.users.store.OrganizationsReadModel;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a user was erased, they leave every organisation they belonged to. Where they were the only owner and others
 * remain, the longest-standing admin (else member) becomes owner in the same commit; where nobody else remains, the
 * organisation closes (docs/organizations.md).
 *
 * <p>Runs on the durable consumer every instance shares, so each {@code UserErased} is handled by one instance.
 * Idempotent all the same (a redelivery, an ack that timed out while another instance took over): each organisation
 * is loaded from the stream and decided afresh, so an erased user who is no longer a member produces nothing, and
 * two instances that decide at the same version append the same message id (the second is a duplicate) or collide
 * on the expected sequence (the loser decides again and finds nothing to do).
 */
final class WhenUserErasedThenLeaveOrganizations implements Policy {

    private static final Logger log = LoggerFactory.getLogger(WhenUserErasedThenLeaveOrganizations.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final OrganizationCommands commands;
    private final OrganizationsReadModel readModel;
    private final ProjectionRunner readModelRunner;

    WhenUserErasedThenLeaveOrganizations(OrganizationCommands commands, OrganizationsReadModel readModel,
            ProjectionRunner readModelRunner) {
        this.commands = commands;
        this.readModel = readModel;
        this.readModelRunner = readModelRunner;
    }

    @Override
    public String consumerName() {
        return Consumers.USERS_ERASED_MEMBERSHIPS;
    }

    @Override
    public String filterSubject() {
        return Streams.allOf(Streams.USER);
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.USER_ERASED.equals(eventType);
    }

    @Override
    public void handle(RecordedEvent event) throws Exception {
        // The user id is the aggregate's: no need to read the payload (or to know its schema).
        UUID userId = UUID.fromString(event.aggregateId());
        // Every membership before the erasure is in the read model once it has applied the erasure's sequence.
        readModelRunner.awaitPosition(event.streamSequence(), CATCH_UP);
        List<UUID> organizations = readModel.organizationsOf(userId);
        for (UUID organizationId : organizations) {
            var outcome = commands.executeWithoutWaiting(organizationId, new LeaveOnErasure(userId),
                    version -> "leave-on-erasure:" + event.eventId() + ":" + version, event.correlationId());
            for (OrganizationEvent e : outcome.events()) {
                log.info("User {} erased: {} in organisation {}", userId, e.getClass().getSimpleName(),
                        organizationId);
            }
        }
    }
}
