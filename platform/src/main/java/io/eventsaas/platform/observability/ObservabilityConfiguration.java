package io.eventsaas.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's registries for the platform's classes, and histograms for the timers that dashboards draw
 * percentiles from (RPC requests and appends). Imported with the NATS configuration, so every service has it.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    /** Timers whose latency percentiles the dashboard shows (p50/p95/p99 from histogram buckets). */
    static final String[] HISTOGRAMS = {"eventsaas.rpc.", "eventsaas.eventstore.appends"};

    @Bean
    Telemetry telemetry(ObjectProvider<ObservationRegistry> observations, ObjectProvider<MeterRegistry> meters) {
        Telemetry none = Telemetry.none();
        return new Telemetry(observations.getIfAvailable(none::observations), meters.getIfAvailable(none::meters));
    }

    @Bean
    MeterFilter platformLatencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && isHistogram(id.getName())) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }

    static boolean isHistogram(String name) {
        for (String prefix : HISTOGRAMS) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
