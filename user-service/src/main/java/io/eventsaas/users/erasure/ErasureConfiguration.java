package io.eventsaas.users.erasure;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.users.events.DomainEventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

    /** Started by the warm-up, after the read model has caught up. */
    @Bean
    PolicyRunner erasedPersonalDataPolicy(EventStore eventStore, NatsConnector connector, DomainEventCodec codec,
            PersonalDataShredder shredder, Telemetry telemetry) {
        return new PolicyRunner(new WhenUserErasedThenShredPersonalData(eventStore, codec, shredder), eventStore,
                connector, PolicyRunner.Settings.defaults(), telemetry);
    }
}
