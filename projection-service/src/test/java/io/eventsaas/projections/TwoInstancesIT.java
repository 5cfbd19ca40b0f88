package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.PlatformMetricsView;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Law 5: every instance consumes every event into its own database (fan-out); none counts twice. */
@DisplayName("two projection-service instances side by side")
class TwoInstancesIT {

    private EventStreamFixture stream;
    private String databaseA;
    private String databaseB;

    @BeforeEach
    void setUp() throws Exception {
        stream = new EventStreamFixture();
        databaseA = TestInfrastructure.newDatabase("projections_a");
        databaseB = TestInfrastructure.newDatabase("projections_b");
    }

    @AfterEach
    void tearDown() throws Exception {
        stream.close();
        TestInfrastructure.dropDatabase(databaseA);
        TestInfrastructure.dropDatabase(databaseB);
    }

    private PlatformMetricsView metricsView() throws Exception {
        KeyValueEntry entry = stream.views().get(Buckets.PLATFORM_METRICS);
        return entry == null ? PlatformMetricsView.getDefaultInstance() : PlatformMetricsView.parseFrom(entry.getValue());
    }

    /** The dashboards' views too: each event once, and the view never goes back (no flapping between instances). */
    private void assertMetricsCountEachEventOnce(long last) throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        var watch = stream.views().watch(Buckets.PLATFORM_METRICS, new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                try {
                    seen.add(PlatformMetricsView.parseFrom(entry.getValue()).getAsOfSequence());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void endOfData() {
            }
        }, KeyValueWatchOption.INCLUDE_HISTORY);
        try {
            // The view is written as the events arrive: wait until it reflects the last one, then count.
            await().atMost(Duration.ofSeconds(30)).until(() -> metricsView().getAsOfSequence() >= last);
            PlatformMetricsView metrics = metricsView();
            assertThat(metrics.getUsers()).isEqualTo(150);
            assertThat(metrics.getOrganizations()).isEqualTo(150);
            assertThat(metrics.getSignupsPerDayList().stream().mapToLong(d -> d.getCount()).sum()).isEqualTo(150);
            assertThat(seen).as("revisions of the metrics view only move forward").isSorted();
        } finally {
            watch.unsubscribe();
        }
    }

    @Test
    @DisplayName("given events before and while both run, both hold the same summary and the view counts each "
            + "event once")
    void sameViewNoDoubleCounting() throws Exception {
        stream.registerConcurrently(100, 4);
        try (ProjectionServiceInstance a = ProjectionServiceInstance.start(stream.namespace, databaseA);
                ProjectionServiceInstance b = ProjectionServiceInstance.start(stream.namespace, databaseB)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> a.isReady() && b.isReady());

            stream.registerConcurrently(50, 4);
            long last = stream.lastSequence();

            await().atMost(Duration.ofSeconds(30)).until(() -> a.summary().asOfSequence() == last
                    && b.summary().asOfSequence() == last
                    && stream.view().map(PlatformSummaryView::getAsOfSequence).orElse(0L) == last);
            assertThat(a.summary()).isEqualTo(b.summary());
            assertThat(a.summary().users()).isEqualTo(150);
            PlatformSummaryView view = stream.view().orElseThrow();
            assertThat(view.getUsers()).isEqualTo(150);
            assertThat(view.getOrganizations()).isEqualTo(150);
            assertMetricsCountEachEventOnce(last);
            assertThat(view.getLatestSignupsList()).hasSize(5);
        }
    }

    @Test
    @DisplayName("given two instances sharing one database (one compose service, two replicas), each event still "
            + "counts once")
    void sharedDatabaseNoDoubleCounting() throws Exception {
        stream.registerConcurrently(100, 4);
        try (ProjectionServiceInstance a = ProjectionServiceInstance.start(stream.namespace, databaseA);
                ProjectionServiceInstance b = ProjectionServiceInstance.start(stream.namespace, databaseA)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> a.isReady() && b.isReady());

            stream.registerConcurrently(50, 4);
            long last = stream.lastSequence();

            await().atMost(Duration.ofSeconds(30)).until(() -> a.runner().position() == last
                    && b.runner().position() == last
                    && stream.view().map(PlatformSummaryView::getAsOfSequence).orElse(0L) == last);
            assertThat(a.summary().users()).isEqualTo(150);
            assertThat(a.summary().organizations()).isEqualTo(150);
            PlatformSummaryView view = stream.view().orElseThrow();
            assertThat(view.getUsers()).isEqualTo(150);
            assertThat(view.getOrganizations()).isEqualTo(150);
            assertMetricsCountEachEventOnce(last);
        }
    }
}
