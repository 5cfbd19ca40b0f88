package io.eventsaas.users.erasure;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.policy.PolicyRunners;
import io.eventsaas.users.events.DomainEventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

    /** Started by the warm-up, after the read model has caught up. */
    @Bean
    PolicyRunner erasedPersonalDataPolicy(PolicyRunners policies, EventStore eventStore, DomainEventCodec codec,
            PersonalDataShredder shredder) {
        return policies.runnerFor(new WhenUserErasedThenShredPersonalData(eventStore, codec, shredder));
    }
}
