package io.eventsaas.platform.policy;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.EventStoreConfiguration;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** What a service with policies needs to run them: {@link PolicyRunners}. */
@Configuration(proxyBeanMethods = false)
@Import(EventStoreConfiguration.class)
public class PolicyConfiguration {

    @Bean
    PolicyRunners policyRunners(EventStore eventStore, NatsConnector connector, Telemetry telemetry) {
        return new PolicyRunners(eventStore, connector, telemetry);
    }
}
