package io.eventsaas.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.policy.Policy;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.projection.Checkpoints;
import io.eventsaas.platform.projection.Projection;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.testing.TestDatabase;
import io.eventsaas.platform.testing.TestNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's one instrumentation against real NATS and PostgreSQL: the meters it records, and one trace that
 * crosses NATS from an RPC call through the append to every consumer of the event.
 */
class ObservabilityIT {

    @RegisterExtension
    final TestDatabase database = new TestDatabase("observability");
    @RegisterExtension
    final TestNamespace nats = new TestNamespace("observability-test");
    private NatsConnector connector;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private RpcServer server;
    private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        connector = nats.connector();
        jdbc = database.jdbc();
        transactions = database.transactions();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static Append append(String id, long expectedVersion, String messageId, String type) {
        return new Append("thing", id, expectedVersion, messageId, "corr-1", messageId,
                List.of(new NewEvent(type, 1, "x".getBytes(StandardCharsets.UTF_8))));
    }

    /** Wants ThingMade events and does nothing with them: the runner's meters and spans are the point. */
    private static final class ThingsProjection implements Projection {
        @Override
        public String name() {
            return "things-v1";
        }

        @Override
        public boolean handles(String eventType) {
            return eventType.equals("ThingMade");
        }

        @Override
        public void apply(RecordedEvent event) {
        }
    }

    private ProjectionRunner projection(Telemetry telemetry, EventStore store) throws InterruptedException {
        ProjectionRunner runner = new ProjectionRunner(new ThingsProjection(), store, connector, new Checkpoints(jdbc),
                transactions, telemetry);
        toClose.add(runner);
        runner.catchUp();
        return runner;
    }

    private static double count(MeterRegistry meters, String name, String... tags) {
        var timer = meters.find(name).tags(tags).timer();
        if (timer != null) {
            return timer.count();
        }
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? -1 : counter.count();
    }

    @Test
    @DisplayName("RPC requests, appends and applied events are counted with their service, endpoint, aggregate, "
            + "outcome and read model; lag and position are gauges")
    void meters() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Telemetry telemetry = Telemetry.of(meters);
        EventStore store = new EventStore(connector, Clock.systemUTC(), telemetry);
        store.ensureStream();
        server = new RpcServer(connector, "users", "0.1.0", "test", telemetry).endpoint(Endpoints.GET_USER,
                GetUser.parser(), (request, context) -> {
                    if (request.getUserId().equals("nobody")) {
                        throw RpcException.notFound("no such user");
                    }
                    return UserDetails.newBuilder().setUserId(request.getUserId()).build();
                });
        server.start();
        RpcClient client = new RpcClient(connector, telemetry);

        // when: one request answered, one refused
        client.call(Endpoints.GET_USER, GetUser.newBuilder().setUserId("u-1").build(), UserDetails.parser(), "c");
        assertThatThrownBy(() -> client.call(Endpoints.GET_USER, GetUser.newBuilder().setUserId("nobody").build(),
                UserDetails.parser(), "c")).isInstanceOf(RpcException.class);
        // and: an append, its retry (duplicate), and a stale writer (conflict)
        String id = UUID.randomUUID().toString();
        long first = store.append(append(id, 0, "m-1", "ThingMade")).sequence();
        store.append(append(id, 0, "m-1", "ThingMade"));
        assertThatThrownBy(() -> store.append(append(id, 0, "m-2", "ThingMade")))
                .isInstanceOf(AppendConflictException.class);
        store.append(append(id, first, "m-3", "ThingChanged"));
        ProjectionRunner runner = projection(telemetry, store);

        // then
        String endpoint = Endpoints.GET_USER.subject();
        assertThat(count(meters, RpcServer.OBSERVATION, "service", "users", "endpoint", endpoint, "outcome", "ok"))
                .isEqualTo(1);
        assertThat(count(meters, RpcServer.OBSERVATION, "endpoint", endpoint, "outcome", "404")).isEqualTo(1);
        assertThat(count(meters, RpcClient.OBSERVATION, "service", "users", "endpoint", endpoint, "outcome", "ok"))
                .isEqualTo(1);
        assertThat(count(meters, RpcClient.OBSERVATION, "endpoint", endpoint, "outcome", "404")).isEqualTo(1);
        assertThat(count(meters, EventStore.APPEND_OBSERVATION, "aggregate", "thing", "outcome", "appended"))
                .isEqualTo(2);
        assertThat(count(meters, EventStore.APPEND_OBSERVATION, "aggregate", "thing", "outcome", "duplicate"))
                .isEqualTo(1);
        assertThat(count(meters, EventStore.APPEND_OBSERVATION, "aggregate", "thing", "outcome", "conflict"))
                .isEqualTo(1);
        assertThat(count(meters, EventStore.EVENTS_COUNTER, "aggregate", "thing", "type", "ThingMade")).isEqualTo(1);
        assertThat(count(meters, EventStore.EVENTS_COUNTER, "aggregate", "thing", "type", "ThingChanged"))
                .isEqualTo(1);
        assertThat(count(meters, "eventsaas.projection.events.applied", "projection", "things-v1")).isEqualTo(1);
        assertThat(meters.get("eventsaas.projection.position").tag("projection", "things-v1").gauge().value())
                .isEqualTo(runner.position());
        assertThat(meters.get("eventsaas.projection.lag").tag("projection", "things-v1").gauge().value()).isZero();
        assertThat(meters.get("eventsaas.projection.caught.up").tag("projection", "things-v1").gauge().value())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("one trace crosses NATS: the caller's span, the RPC server, the append, the projection and the "
            + "policy that handled the event all carry the caller's trace id, each the child of the one before")
    void traceCrossesNats() throws Exception {
        // given: a real OpenTelemetry tracer behind Micrometer Tracing, spans kept in memory
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        toClose.add(provider::close);
        var otelTracer = provider.get("observability-test");
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(otelTracer, current, event -> {
        }, new OtelBaggageManager(current, List.of(), List.of()));
        OtelPropagator propagator = new OtelPropagator(
                ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer);
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(
                new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
        Telemetry telemetry = new Telemetry(observations, new SimpleMeterRegistry());

        EventStore store = new EventStore(connector, Clock.systemUTC(), telemetry);
        store.ensureStream();
        projection(telemetry, store); // caught up on an empty stream: what comes next is live
        PolicyRunner policy = new PolicyRunner(new ThingsPolicy(), store, connector,
                PolicyRunner.Settings.defaults(), telemetry);
        toClose.add(policy);
        policy.start();
        server = new RpcServer(connector, "users", "0.1.0", "test", telemetry).endpoint(Endpoints.GET_USER,
                GetUser.parser(), (request, context) -> {
                    String id = UUID.randomUUID().toString();
                    store.append(append(id, 0, id, "ThingMade"));
                    return UserDetails.newBuilder().setUserId(request.getUserId()).build();
                });
        server.start();
        RpcClient client = new RpcClient(connector, telemetry);

        // when: a request arrives with a known trace context (as the gateway's HTTP request would)
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Headers incoming = new Headers().put("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        ReceiverContext<Headers> http = new ReceiverContext<>(NatsHeaders.GETTER, Kind.SERVER);
        http.setCarrier(incoming);
        Observation.createNotStarted("http", () -> http, observations).observe(() -> client.call(
                Endpoints.GET_USER, GetUser.newBuilder().setUserId("u-1").build(), UserDetails.parser(), "c"));

        // then: every hop is in that trace, each span the child of the one that caused it
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().size() >= 6);
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(finished).extracting(SpanData::getTraceId).containsOnly(traceId);
        String endpoint = Endpoints.GET_USER.subject();
        SpanData rpcClient = span(finished, SpanKind.CLIENT, endpoint);
        SpanData rpcServer = span(finished, SpanKind.SERVER, endpoint);
        SpanData append = span(finished, SpanKind.PRODUCER, "append thing");
        SpanData projected = span(finished, SpanKind.CONSUMER, "project things-v1");
        SpanData handled = span(finished, SpanKind.CONSUMER, "policy things-policy");
        assertThat(rpcServer.getParentSpanId()).isEqualTo(rpcClient.getSpanId());
        assertThat(append.getParentSpanId()).isEqualTo(rpcServer.getSpanId());
        assertThat(projected.getParentSpanId()).isEqualTo(append.getSpanId());
        assertThat(handled.getParentSpanId()).isEqualTo(append.getSpanId());
    }

    private static SpanData span(List<SpanData> spans, SpanKind kind, String namePrefix) {
        return spans.stream()
                .filter(s -> s.getKind() == kind && s.getName().startsWith(namePrefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " span '" + namePrefix + "...' in "
                        + spans.stream().map(SpanData::getName).toList()));
    }

    private static final class ThingsPolicy implements Policy {
        @Override
        public String consumerName() {
            return "things-policy";
        }

        @Override
        public String filterSubject() {
            return "events.thing.>";
        }

        @Override
        public boolean handles(String eventType) {
            return eventType.equals("ThingMade");
        }

        @Override
        public void handle(RecordedEvent event) {
        }
    }
}
