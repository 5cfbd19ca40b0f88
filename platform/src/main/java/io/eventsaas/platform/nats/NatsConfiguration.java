package io.eventsaas.platform.nats;

import io.eventsaas.platform.observability.ObservabilityConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The NATS connection, named after the service ({@code spring.application.name}). Import it where needed;
 * it brings the platform's telemetry too. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NatsProperties.class)
@Import(ObservabilityConfiguration.class)
public class NatsConfiguration {

    @Bean(destroyMethod = "close")
    NatsConnector natsConnector(NatsProperties properties, @Value("${spring.application.name}") String serviceName) {
        return new NatsConnector(properties, serviceName);
    }
}
