package io.eventsaas.users.nats;

import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.privacy.PersonalDataVault;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    /** Seals personal data in events (crypto-shredding); opened by the warm-up once NATS is connected. */
    @Bean
    PersonalDataVault personalDataVault(NatsConnector connector, Clock clock) {
        return new PersonalDataVault(connector, clock);
    }
}
