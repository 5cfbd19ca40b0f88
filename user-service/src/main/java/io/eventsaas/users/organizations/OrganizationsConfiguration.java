package io.eventsaas.users.organizations;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.users.events.DomainEventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrganizationsConfiguration {

    /** Started by the warm-up, after the read model has caught up. */
    @Bean
    PolicyRunner personalOrganizationsPolicy(EventStore eventStore, NatsConnector connector, DomainEventCodec codec,
            Telemetry telemetry) {
        return new PolicyRunner(new WhenUserRegisteredThenCreatePersonalOrganization(eventStore, codec), eventStore,
                connector, PolicyRunner.Settings.defaults(), telemetry);
    }
}
