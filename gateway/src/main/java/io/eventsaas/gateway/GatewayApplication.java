package io.eventsaas.gateway;

import io.eventsaas.platform.nats.NatsConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The gateway: server-side pages and the JSON API, each request forwarded to a service over NATS request-reply
 * (law 2: it holds no business rules, owns no database and publishes no events). It imports only the NATS
 * connection from the platform, never the event store.
 */
@SpringBootApplication
@Import(NatsConfiguration.class)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
