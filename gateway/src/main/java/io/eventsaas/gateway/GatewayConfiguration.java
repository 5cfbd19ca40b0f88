package io.eventsaas.gateway;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.gateway.views.AdminMetricsViews;
import io.eventsaas.gateway.views.OrganizationViews;
import io.eventsaas.gateway.views.PlatformSummaryViews;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.warmup.WarmUp;
import io.eventsaas.platform.warmup.WarmUpStep;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's wiring to NATS: the RPC client every page and endpoint calls through, the in-memory copy of the
 * views it shows, and the warm-up that keeps the instance "not ready" until NATS is reachable and the views are
 * being watched.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    RpcClient rpcClient(NatsConnector connector, Telemetry telemetry) {
        return new RpcClient(connector, telemetry);
    }

    @Bean(destroyMethod = "close")
    PlatformSummaryViews platformSummaryViews() {
        return new PlatformSummaryViews();
    }

    @Bean(destroyMethod = "close")
    AdminMetricsViews adminMetricsViews() {
        return new AdminMetricsViews();
    }

    @Bean
    OrganizationViews organizationViews() {
        return new OrganizationViews();
    }

    /** The {@code warmUp} health indicator of the readiness group. */
    @Bean
    WarmUp warmUp(@Value("${spring.application.name}") String serviceName, NatsConnector connector,
            PlatformSummaryViews views, AdminMetricsViews metrics, OrganizationViews organizations) {
        return new WarmUp(serviceName, List.of(
                WarmUpStep.of("connect to NATS", () -> connector.awaitConnection(Duration.ofSeconds(5))),
                WarmUpStep.of("open the views bucket", () -> {
                    var bucket = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.VIEWS,
                            connector.properties().replicas());
                    views.watch(bucket);
                    metrics.watch(bucket);
                    organizations.open(bucket);
                })));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
