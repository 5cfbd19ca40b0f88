package io.eventsaas.users.organizations;

import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.Appended;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.users.domain.Organization;
import io.eventsaas.users.domain.OrganizationCommand;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.OrganizationRefusal;
import io.eventsaas.users.domain.RuleViolationException;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Known;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load, decide, append, wait: every command on an organisation goes through here.
 *
 * <p>The aggregate is loaded from its subject in the stream ({@link EventStore#load}), not from the read model: an
 * organisation's history is short (tens of events), commands on it are rare (people invite and change roles, they do
 * not do it a thousand times a second), and the stream is the truth, so a decision never rests on a read model that
 * lags or maps the events differently from {@link Organization#evolve}. Reads and authorisation of queries use the
 * read model. The append expects the version the decision was made on; a conflict (someone else appended in
 * between) means load again and decide again. The reply waits until this instance's read model has applied the
 * append, so the caller's next read sees it.
 */
public final class OrganizationCommands {

    private static final Logger log = LoggerFactory.getLogger(OrganizationCommands.class);
    private static final int ATTEMPTS = 5;

    /**
     * What a command did.
     *
     * @param sequence  the stream sequence the caller's next read will see (the append's, or the version the
     *                  organisation already had when there was nothing to do)
     * @param events    the events appended (empty when there was nothing to do)
     * @param duplicate the message id was appended before: an earlier attempt of this very command did the work
     */
    public record Outcome(long sequence, List<OrganizationEvent> events, boolean duplicate) {
    }

    private final EventStore eventStore;
    private final DomainEventCodec codec;
    private final ProjectionRunner readModel;
    private final Duration visibilityTimeout;

    public OrganizationCommands(EventStore eventStore, DomainEventCodec codec, ProjectionRunner readModel,
            Duration visibilityTimeout) {
        this.eventStore = eventStore;
        this.codec = codec;
        this.readModel = readModel;
        this.visibilityTimeout = visibilityTimeout;
    }

    /**
     * Runs a command and waits until the read model shows its outcome.
     *
     * @param messageIdAtVersion the {@code Nats-Msg-Id} for a decision made at a version: derived from the command
     *                           id when the command has one (so a retry appends nothing twice), else from what is
     *                           asked and the version (so a decision taken again after a conflict is a new message)
     */
    public Outcome execute(UUID organizationId, OrganizationCommand command, Function<Long, String> messageIdAtVersion,
            String correlationId) {
        Outcome outcome = executeWithoutWaiting(organizationId, command, messageIdAtVersion, correlationId);
        awaitVisible(outcome.sequence());
        return outcome;
    }

    /** Runs a command (for policies: nobody waits for a read). */
    public Outcome executeWithoutWaiting(UUID organizationId, OrganizationCommand command,
            Function<Long, String> messageIdAtVersion, String correlationId) {
        for (int attempt = 1; ; attempt++) {
            Loaded loaded = load(organizationId);
            List<OrganizationEvent> events = decide(loaded.state(), command);
            if (events.isEmpty()) {
                return new Outcome(loaded.version(), List.of(), false);
            }
            Append append = new Append(Streams.ORGANIZATION, organizationId.toString(), loaded.version(),
                    messageIdAtVersion.apply(loaded.version()), correlationId,
                    messageIdAtVersion.apply(loaded.version()), events.stream().map(codec::encode).toList());
            try {
                Appended appended = eventStore.append(append);
                return new Outcome(appended.sequence(), events, appended.duplicate());
            } catch (AppendConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw new RpcException(RpcStatus.CONFLICT,
                            "the organisation changed " + ATTEMPTS + " times while deciding; try again");
                }
                log.debug("Organisation {} moved on while deciding {}; deciding again", organizationId,
                        command.getClass().getSimpleName());
            }
        }
    }

    /** The organisation as of its last event, and that event's stream sequence (0 when there is none). */
    public Loaded load(UUID organizationId) {
        List<RecordedEvent> recorded = eventStore.load(Streams.ORGANIZATION, organizationId.toString());
        List<OrganizationEvent> events = new ArrayList<>(recorded.size());
        for (RecordedEvent event : recorded) {
            switch (codec.decode(event)) {
                case Known(OrganizationEvent e) -> events.add(e);
                case Known other -> log.warn("Event {} on organisation {} is not an organisation event", event.eventId(),
                        organizationId);
                case DomainEventCodec.Decoded.Skipped skipped -> throw new RpcException(RpcStatus.UNAVAILABLE,
                        "organisation " + organizationId + " holds an event this instance cannot read ("
                                + skipped.reason() + "); an upgraded instance must decide");
            }
        }
        long version = recorded.isEmpty() ? 0 : recorded.getLast().streamSequence();
        return new Loaded(Organization.replay(events), version);
    }

    public record Loaded(Organization.State state, long version) {
    }

    private static List<OrganizationEvent> decide(Organization.State state, OrganizationCommand command) {
        try {
            return Organization.decide(state, command);
        } catch (OrganizationRefusal refusal) {
            throw switch (refusal.reason()) {
                case NOT_FOUND -> RpcException.notFound(refusal.getMessage());
                case FORBIDDEN -> RpcException.forbidden(refusal.getMessage());
                case CONFLICT -> RpcException.conflict(refusal.getMessage());
                case GONE -> RpcException.gone(refusal.getMessage());
            };
        } catch (RuleViolationException violation) {
            throw RpcException.conflict(violation.getMessage());
        }
    }

    /** Holds the reply until this instance's read model has applied the stream up to {@code sequence}. */
    public void awaitVisible(long sequence) {
        try {
            readModel.awaitPosition(sequence, visibilityTimeout);
        } catch (TimeoutException e) {
            log.warn("Stored at sequence {}, but the read model has not applied it: {}", sequence, e.getMessage());
            throw new RpcException(RpcStatus.TIMEOUT, "stored, but not visible yet; read again in a moment");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcStatus.UNAVAILABLE, "interrupted while the instance shuts down; retry");
        }
    }
}
