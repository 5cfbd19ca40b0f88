package io.eventsaas.platform.observability;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What observation costs on the command path: an RPC whose handler appends one event (client span, server span,
 * append span, their timers), against a real NATS server, with
 * <ul>
 *   <li>{@code none}: no observation registry at all,</li>
 *   <li>{@code metrics}: timers only (what a service has with tracing sampled at 0),</li>
 *   <li>{@code traced}: timers plus OpenTelemetry spans, every request sampled, exported by a batch processor to an
 *   exporter that drops them (so the figure is the in-process cost, not an OTLP collector's).</li>
 * </ul>
 * Rounds alternate the modes so that a noisy machine hurts them alike. Not a test: run it and read the figures.
 *
 * <pre>
 * ./mvnw -q -pl platform test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.eventsaas.platform.observability.ObservationOverheadBenchmark -Dexec.args="3000 3"
 * </pre>
 */
public final class ObservationOverheadBenchmark {

    private ObservationOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String namespace = TestInfrastructure.newNamespace();
        NatsProperties properties = new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(2));
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        try (NatsConnector connector = new NatsConnector(properties, "observation-benchmark");
             SdkTracerProvider tracing = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
                     .addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter()).build()).build()) {
            connector.awaitConnection(Duration.ofSeconds(10));
            Map<String, Telemetry> modes = new LinkedHashMap<>();
            modes.put("none", Telemetry.none());
            modes.put("metrics", Telemetry.of(new SimpleMeterRegistry()));
            modes.put("traced", traced(tracing));
            for (String mode : modes.keySet()) {
                run(connector, modes.get(mode), calls / 5); // warm-up: JIT, connections, stream
            }
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, Telemetry> mode : modes.entrySet()) {
                    results.computeIfAbsent(mode.getKey(), k -> new java.util.ArrayList<>())
                            .add(run(connector, mode.getValue(), calls));
                }
            }
        } finally {
            TestInfrastructure.deleteNamespace(namespace);
        }
        System.out.printf("%n%d sequential RPCs per round, each appending one event; %d rounds per mode%n", calls,
                rounds);
        System.out.printf("%-8s %10s %10s %10s%n", "mode", "p50 µs", "p99 µs", "calls/s");
        results.forEach((mode, runs) -> {
            long[] all = runs.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long totalNanos = Arrays.stream(all).sum();
            System.out.printf("%-8s %10d %10d %10.0f%n", mode, all[all.length / 2] / 1000,
                    all[(int) (all.length * 0.99)] / 1000, all.length / (totalNanos / 1e9));
        });
    }

    /** Latencies of {@code calls} sequential RPCs, each appending one event, in nanoseconds. */
    private static long[] run(NatsConnector connector, Telemetry telemetry, int calls) {
        EventStore store = new EventStore(connector, Clock.systemUTC(), telemetry);
        store.ensureStream();
        RpcServer server = new RpcServer(connector, "users", "0.1.0", "observation benchmark", telemetry)
                .endpoint(Endpoints.GET_USER, GetUser.parser(), (request, context) -> {
                    String id = UUID.randomUUID().toString();
                    store.append(new Append("thing", id, 0, id, context.correlationId(), id,
                            List.of(new NewEvent("ThingMade", 1, new byte[] {1}))));
                    return UserDetails.newBuilder().setUserId(request.getUserId()).build();
                });
        server.start();
        try {
            RpcClient client = new RpcClient(connector, telemetry);
            GetUser request = GetUser.newBuilder().setUserId("u-1").build();
            long[] latencies = new long[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                client.call(Endpoints.GET_USER, request, UserDetails.parser(), "bench-" + i);
                latencies[i] = System.nanoTime() - start;
            }
            return latencies;
        } finally {
            server.stop();
        }
    }

    private static Telemetry traced(SdkTracerProvider provider) {
        var otelTracer = provider.get("observation-benchmark");
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(otelTracer, current, event -> {
        }, new OtelBaggageManager(current, List.of(), List.of()));
        OtelPropagator propagator = new OtelPropagator(
                ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig()
                .observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
        return new Telemetry(observations, meters);
    }

    /** Takes spans and drops them: the cost measured is ours, not a collector's. */
    private static final class DroppingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
