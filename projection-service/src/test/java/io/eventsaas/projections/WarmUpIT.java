package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.testing.TestDatabase;
import io.eventsaas.projections.ProjectionServiceInstance.Readiness;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Law 6: a new instance replays what it needs and only then reports ready; nobody sees its partial state. */
@DisplayName("projection-service is not ready, and publishes nothing, until it has caught up")
class WarmUpIT {

    private static final int USERS = 10_000; // each with a personal organisation: 20 000 events

    @RegisterExtension
    final TestDatabase database = new TestDatabase("projections");
    @RegisterExtension
    final EventStreamFixture stream = new EventStreamFixture();

    @Test
    @DisplayName("given 20 000 events, a new instance answers 503 while its runner is behind, publishes no partial "
            + "view, then 200 with the full counts")
    void notReadyBeforeCaughtUp() throws Exception {
        long seedStart = System.nanoTime();
        stream.registerConcurrently(USERS, 16);
        long events = 2L * USERS;
        System.out.printf("[WarmUpIT] seeded %d events in %.1f s (%.0f appends/s, 16 threads)%n", events,
                seconds(seedStart), events / seconds(seedStart));
        long last = stream.lastSequence();
        List<PlatformSummaryView> published = new CopyOnWriteArrayList<>();
        var watch = stream.views().watch(Buckets.PLATFORM_SUMMARY, new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                if (entry.getOperation() == KeyValueOperation.PUT) {
                    published.add(EventStreamFixture.parse(entry.getValue()));
                }
            }

            @Override
            public void endOfData() {
            }
        });

        long start = System.nanoTime();
        try (ProjectionServiceInstance instance = ProjectionServiceInstance.start(stream.namespace, database.url())) {
            ProjectionRunner runner = instance.runner();
            boolean sawNotReadyWhileBehind = false;
            long firstProgressAt = 0;
            long caughtUpAt = 0;
            String runnerReport = null;
            Readiness readiness;
            while (true) {
                readiness = instance.readiness();
                // Read the runner after the answer: if it is behind now, it was behind when the answer was made.
                boolean behind = !runner.isCaughtUp() && runner.position() < last;
                long position = runner.position();
                if (readiness.status() == 200) {
                    assertThat(runner.isCaughtUp()).as("ready only once caught up").isTrue();
                    break;
                }
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.body()).contains("OUT_OF_SERVICE");
                sawNotReadyWhileBehind |= behind;
                if (firstProgressAt == 0 && position > 0) {
                    firstProgressAt = System.nanoTime();
                }
                if (caughtUpAt == 0 && runner.isCaughtUp()) {
                    caughtUpAt = System.nanoTime();
                    runnerReport = runner.describeProgress();
                }
                assertThat(seconds(start)).as("warm-up within three minutes").isLessThan(180);
                Thread.sleep(50);
            }
            long readyAt = System.nanoTime();
            if (caughtUpAt == 0) {
                caughtUpAt = readyAt;
                runnerReport = runner.describeProgress();
            }

            assertThat(sawNotReadyWhileBehind).as("answered 503 while the runner was behind").isTrue();
            PlatformSummaryView view = stream.view().orElseThrow();
            assertThat(view.getUsers()).isEqualTo(USERS);
            assertThat(view.getOrganizations()).isEqualTo(USERS);
            assertThat(view.getAsOfSequence()).isEqualTo(last);
            assertThat(published).as("every view ever published during warm-up").isNotEmpty()
                    .allSatisfy(v -> {
                        assertThat(v.getUsers()).isEqualTo(USERS);
                        assertThat(v.getOrganizations()).isEqualTo(USERS);
                    });

            double replaySeconds = (caughtUpAt - (firstProgressAt == 0 ? start : firstProgressAt)) / 1e9;
            System.out.printf("[WarmUpIT] replayed %d events (%d messages): %.0f events/s from first progress to "
                    + "caught up (%.2f s); ready %.1f s after start-up began (%.0f events/s end to end); runner: %s%n",
                    events, last, events / replaySeconds, replaySeconds, (readyAt - start) / 1e9,
                    events / ((readyAt - start) / 1e9), runnerReport);
        } finally {
            watch.unsubscribe();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
