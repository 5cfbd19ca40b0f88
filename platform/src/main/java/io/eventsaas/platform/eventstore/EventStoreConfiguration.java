package io.eventsaas.platform.eventstore;

import io.eventsaas.platform.nats.NatsConfiguration;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The event store, for services that append or consume events. The gateway never imports this: it publishes no
 * events. A service's own {@link Clock} bean, when it has one, stamps the events' time.
 */
@Configuration(proxyBeanMethods = false)
@Import(NatsConfiguration.class)
public class EventStoreConfiguration {

    @Bean
    EventStore eventStore(NatsConnector connector, ObjectProvider<Clock> clock, Telemetry telemetry) {
        return new EventStore(connector, clock.getIfAvailable(Clock::systemUTC), telemetry);
    }
}
