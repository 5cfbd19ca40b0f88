package io.eventsaas.projections;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.zaxxer.hikari.HikariDataSource;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.billing.InvoiceIssued;
import io.eventsaas.contracts.billing.InvoicePaid;
import io.eventsaas.contracts.billing.Money;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.contracts.events.EventCommit;
import io.eventsaas.contracts.events.EventEnvelope;
import io.eventsaas.contracts.users.ApiKeyCreated;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.platform.archive.EventArchive;
import io.eventsaas.platform.archive.EventArchiver;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.projection.Checkpoints;
import io.eventsaas.platform.projection.Projection;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.projections.activity.ActivityProjection;
import io.eventsaas.projections.metrics.PlatformMetricsProjection;
import io.eventsaas.projections.overview.OrganizationOverviewProjection;
import io.eventsaas.projections.views.PersonalNames;
import io.eventsaas.projections.views.ViewBucket;
import io.eventsaas.projections.views.ViewOutbox;
import io.eventsaas.projections.views.ViewProjection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStream;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast an empty projection database is rebuilt, beside how fast the same stream is merely read. Not a test:
 *
 * <pre>
 * ./mvnw -q -pl projection-service test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.eventsaas.projections.RebuildBenchmark -Dexec.args="100000"
 * </pre>
 *
 * Fills a namespace of its own with {@code N} events in a realistic mix (per organisation: a sign-up, its
 * organisation, a Free subscription, an upgrade, two members, an API key, an invoice issued and paid: 10 events,
 * 9 messages), then measures: reading the stream with an ordered consumer; each read model rebuilt alone; and all
 * of them at once with the archive, as a warm-up does; and finally publishing every view: after that rebuild, into
 * an empty bucket, and again with nothing changed.
 */
public final class RebuildBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String namespace = TestInfrastructure.newNamespace();
        String database = TestInfrastructure.newDatabase("projections_benchmark");
        NatsConnector connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace,
                1, Duration.ofSeconds(30), Duration.ofMinutes(2)), "rebuild-benchmark");
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database + (database.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        dataSource.setUsername(TestInfrastructure.postgresUser());
        dataSource.setPassword(TestInfrastructure.postgresPassword());
        dataSource.setMaximumPoolSize(8);
        try {
            connector.awaitConnection(Duration.ofSeconds(10));
            EventStore store = new EventStore(connector, Clock.systemUTC());
            store.ensureStream();
            long messages = fill(connector, store, events);
            System.out.printf("stream: %,d events in %,d messages%n", events, messages);

            long start = System.nanoTime();
            long read = readAll(connector, store, messages);
            report("read only (ordered consumer)", events, read, start);

            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            ViewBucket bucket = new ViewBucket(connector);
            bucket.open();
            PersonalDataVault vault = new PersonalDataVault(connector, Clock.systemUTC());
            vault.open();
            ViewOutbox outbox = new ViewOutbox(jdbc);
            PersonalNames names = new PersonalNames(vault);
            new Checkpoints(jdbc).ensureTable();

            int[] version = {100};
            List<Function<Integer, ViewProjection>> models = List.of(
                    v -> new PlatformMetricsProjection(jdbc, v, outbox, bucket),
                    v -> new ActivityProjection(jdbc, v, outbox, bucket, names),
                    v -> new OrganizationOverviewProjection(jdbc, v, outbox, bucket));
            for (Function<Integer, ViewProjection> model : models) {
                ViewProjection projection = model.apply(version[0]++);
                projection.createTables();
                start = System.nanoTime();
                rebuild(List.of(projection), store, connector, jdbc, transactions);
                report("rebuild " + projection.name() + " alone", events, events, start);
            }

            List<ViewProjection> all = new ArrayList<>();
            for (Function<Integer, ViewProjection> model : models) {
                ViewProjection projection = model.apply(version[0]);
                projection.createTables();
                all.add(projection);
            }
            EventArchiver archiver = new EventArchiver(new EventArchive(jdbc), store, connector,
                    new SimpleMeterRegistry());
            start = System.nanoTime();
            archiver.start();
            rebuild(all, store, connector, jdbc, transactions);
            archiver.catchUp();
            report("rebuild all three read models and the archive at once (the warm-up)", events, events, start);
            archiver.close();

            start = System.nanoTime();
            int published = 0;
            for (ViewProjection projection : all) {
                published += projection.publishPending();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("publish the views after the rebuild: %,d views in %.1f s (%,.0f views/s)%n", published,
                    seconds, published / seconds);

            // The figure above races the runners, which start publishing as soon as they have caught up. These
            // two do not: every key of the three read models is marked changed again, with the bucket emptied
            // (what a first warm-up does), then with the bucket full and nothing changed (a rebuild of a database
            // that was dropped while the views stayed).
            markEveryView(jdbc, all, version[0]);
            recreateBucket(connector, bucket);
            timePublish("publish every view into an empty bucket", all);
            markEveryView(jdbc, all, version[0]);
            timePublish("publish every view again, nothing changed", all);
        } finally {
            connector.close();
            dataSource.close();
            TestInfrastructure.deleteNamespace(namespace);
            TestInfrastructure.dropDatabase(database);
        }
    }

    private static void timePublish(String what, List<ViewProjection> projections) {
        long start = System.nanoTime();
        int published = 0;
        for (ViewProjection projection : projections) {
            published += projection.publishPending();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-72s %,9d written in %6.2f s%n", what, published, seconds);
    }

    /** Puts every key of these read models (version {@code v}) into the outbox, as a replay from scratch does. */
    private static void markEveryView(JdbcTemplate jdbc, List<ViewProjection> projections, int v) {
        for (ViewProjection projection : projections) {
            String model = projection.name();
            String insert = "INSERT INTO view_outbox (projection, view_key) ";
            String sql = switch (model.substring(0, model.lastIndexOf("-v"))) {
                case "platform-metrics" -> insert + "VALUES ('" + model + "', '" + Buckets.PLATFORM_METRICS + "')";
                case "activity" -> insert + "SELECT '" + model + "', '" + Buckets.ACTIVITY_PREFIX
                        + "' || organization_id FROM activity_org_v" + v + " UNION SELECT DISTINCT '" + model + "', '"
                        + Buckets.ACTIVITY_PREFIX + "' || organization_id || '.' || (idx / "
                        + ActivityProjection.CHUNK_SIZE + ") FROM activity_v" + v;
                case "org-overview" -> insert + "SELECT '" + model + "', '" + Buckets.ORG_OVERVIEW_PREFIX
                        + "' || organization_id FROM org_overview_v" + v;
                default -> throw new IllegalArgumentException(model);
            };
            jdbc.update(sql + " ON CONFLICT DO NOTHING");
        }
    }

    private static void recreateBucket(NatsConnector connector, ViewBucket bucket) throws Exception {
        connector.connection().keyValueManagement().delete(connector.namespace().name(Buckets.VIEWS));
        bucket.open();
    }

    private static void rebuild(List<? extends Projection> projections, EventStore store, NatsConnector connector,
            JdbcTemplate jdbc, TransactionTemplate transactions) throws InterruptedException {
        List<ProjectionRunner> runners = projections.stream().map(p -> new ProjectionRunner(p, store, connector,
                new Checkpoints(jdbc), transactions)).toList();
        runners.forEach(ProjectionRunner::start);
        for (ProjectionRunner runner : runners) {
            runner.catchUp();
        }
        runners.forEach(ProjectionRunner::close);
    }

    private static void report(String what, long events, long done, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-72s %,9d events in %6.2f s = %,9.0f events/s%n", what, done, seconds, events / seconds);
    }

    private static long readAll(NatsConnector connector, EventStore store, long messages) throws Exception {
        try (IterableConsumer consumer = connector.connection().getStreamContext(store.streamName())
                .createOrderedConsumer(new OrderedConsumerConfiguration().filterSubject(store.allEventsSubject()))
                .iterate(ConsumeOptions.builder().batchSize(1000).build())) {
            long seen = 0;
            long events = 0;
            while (seen < messages) {
                var message = consumer.nextMessage(Duration.ofSeconds(5));
                if (message == null) {
                    throw new IllegalStateException("stream ended early at " + seen);
                }
                events += EventCommit.parseFrom(message.getData()).getEventsCount();
                seen++;
            }
            return events;
        }
    }

    /** Publishes the events asynchronously (a benchmark's shortcut; services append through the EventStore). */
    private static long fill(NatsConnector connector, EventStore store, int events) throws Exception {
        JetStream js = connector.connection().jetStream();
        ArrayDeque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();
        Instant t = Instant.now().minus(Duration.ofDays(40));
        long messages = 0;
        int written = 0;
        Money free = Money.newBuilder().setCurrency("EUR").build();
        Money pro = Money.newBuilder().setMinorUnits(2900).setCurrency("EUR").build();
        while (written < events) {
            String user = UUID.randomUUID().toString();
            String org = UUID.randomUUID().toString();
            String invoice = UUID.randomUUID().toString();
            t = t.plusSeconds(300);
            List<Commit> commits = List.of(
                    new Commit(Streams.USER, user, List.of(UserRegistered.newBuilder().setUserId(user)
                            .setDisplayName("user " + written).setEmail(user + "@example.com")
                            .setPersonalOrganizationId(org).build())),
                    new Commit(Streams.ORGANIZATION, org, List.of(OrganizationCreated.newBuilder()
                            .setOrganizationId(org).setName("Org " + written).setOwnerUserId(user).build())),
                    new Commit(Streams.SUBSCRIPTION, org, List.of(SubscriptionStarted.newBuilder()
                            .setOrganizationId(org).setPlanCode("free").setMonthlyAmount(free).setSeats(1).build())),
                    new Commit(Streams.SUBSCRIPTION, org, List.of(PlanChanged.newBuilder().setOrganizationId(org)
                            .setFromPlanCode("free").setToPlanCode("pro").setMonthlyAmount(pro).setReason("upgrade")
                            .setChangedByUserId(user).build())),
                    new Commit(Streams.ORGANIZATION, org, List.of(
                            MemberJoined.newBuilder().setOrganizationId(org).setUserId(UUID.randomUUID().toString())
                                    .setRole("member").build(),
                            MemberJoined.newBuilder().setOrganizationId(org).setUserId(UUID.randomUUID().toString())
                                    .setRole("admin").build())),
                    new Commit(Streams.ORGANIZATION, org, List.of(ApiKeyCreated.newBuilder().setOrganizationId(org)
                            .setApiKeyId(UUID.randomUUID().toString()).setName("CI").setRole("member")
                            .setPrefix("esk_1234").setCreatedByUserId(user).build())),
                    new Commit("invoice", invoice, List.of(InvoiceIssued.newBuilder().setInvoiceId(invoice)
                            .setOrganizationId(org).setNumber("2026-" + written).setTotal(pro).build())),
                    new Commit("invoice", invoice, List.of(InvoicePaid.newBuilder().setInvoiceId(invoice)
                            .setOrganizationId(org).setAmount(pro).setAttempt(1).build())),
                    new Commit(Streams.ORGANIZATION, org, List.of(MemberJoined.newBuilder().setOrganizationId(org)
                            .setUserId(UUID.randomUUID().toString()).setRole("member").build())));
            for (Commit commit : commits) {
                EventCommit.Builder body = EventCommit.newBuilder();
                List<String> types = new ArrayList<>();
                for (Message event : commit.events()) {
                    String type = event.getDescriptorForType().getName();
                    types.add(type);
                    body.addEvents(EventEnvelope.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setEventType(type).setAggregateType(commit.aggregate()).setAggregateId(commit.id())
                            .setOccurredAt(Timestamp.newBuilder().setSeconds(t.getEpochSecond()))
                            .setSchemaVersion(1).setPayload(ByteString.copyFrom(event.toByteArray())));
                    written++;
                }
                inFlight.add(js.publishAsync(NatsMessage.builder().subject(store.subjectOf(commit.aggregate(),
                                commit.id())).headers(new Headers().put("Event-Types", String.join(" ", types)))
                        .data(body.build().toByteArray()).build()));
                messages++;
                while (inFlight.size() > 1000) {
                    inFlight.poll().get();
                }
            }
        }
        while (!inFlight.isEmpty()) {
            inFlight.poll().get();
        }
        if (EventTypes.USER_REGISTERED.isEmpty()) {
            throw new IllegalStateException();
        }
        return messages;
    }

    private record Commit(String aggregate, String id, List<? extends Message> events) {
    }
}
