package io.eventsaas.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * Where the platform's classes report to: observations (timers and spans from one instrumentation) and meters
 * (gauges and counters that are not about a timed piece of work). Spring wires the application's registries in
 * ({@link ObservabilityConfiguration}); plain tests use {@link #none()} or {@link #of(MeterRegistry)}.
 */
public record Telemetry(ObservationRegistry observations, MeterRegistry meters) {

    /** The log context (MDC) key of the correlation id, next to the tracer's {@code traceId} and {@code spanId}. */
    public static final String CORRELATION_ID_LOG_KEY = "correlationId";

    /** Reports nothing (an empty composite registry drops what it is given). */
    public static Telemetry none() {
        return new Telemetry(ObservationRegistry.NOOP, new CompositeMeterRegistry());
    }

    /** Observations recorded as timers in {@code meters}, without tracing: for tests that look at the meters. */
    public static Telemetry of(MeterRegistry meters) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return new Telemetry(observations, meters);
    }
}
