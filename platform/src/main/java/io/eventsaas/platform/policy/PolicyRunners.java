package io.eventsaas.platform.policy;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;

/**
 * Puts a service's policies on the EVENTS stream, all in one way: the service's event store, connection and
 * telemetry, and the {@linkplain PolicyRunner.Settings#defaults() default settings}. A service declares each of its
 * policies as a {@link PolicyRunner} bean made here, and its warm-up starts them once it has caught up.
 */
public record PolicyRunners(EventStore eventStore, NatsConnector connector, Telemetry telemetry) {

    /** A runner for the policy, not started yet. */
    public PolicyRunner runnerFor(Policy policy) {
        return new PolicyRunner(policy, eventStore, connector, PolicyRunner.Settings.defaults(), telemetry);
    }
}
