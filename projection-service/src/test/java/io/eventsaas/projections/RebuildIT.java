package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.platform.testing.TestDatabase;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Law 1: the database is a disposable projection of the stream. */
@DisplayName("projection-service rebuilds the same view from the stream after its database is dropped")
class RebuildIT {

    @RegisterExtension
    final TestDatabase database = new TestDatabase("projections");
    @RegisterExtension
    final EventStreamFixture stream = new EventStreamFixture();

    @Test
    @DisplayName("given a view of a few hundred events, when the database is dropped and the key deleted, "
            + "then a restarted instance publishes an identical view")
    void rebuildsIdenticalView() throws Exception {
        stream.registerConcurrently(300, 8);
        stream.append("invoice", UUID.randomUUID().toString(), "InvoicePaid", 1, new byte[] {1});
        for (int i = 0; i < 5; i++) {
            stream.register("late user " + i); // the newest five, in a known order
        }
        long last = stream.lastSequence();
        PlatformSummaryView before;
        try (ProjectionServiceInstance instance = ProjectionServiceInstance.start(stream.namespace, database.url())) {
            await().atMost(Duration.ofSeconds(90)).until(instance::isReady);
            before = stream.view().orElseThrow();
        }
        assertThat(before.getUsers()).isEqualTo(305);
        assertThat(before.getOrganizations()).isEqualTo(305);
        assertThat(before.getAsOfSequence()).isEqualTo(last);

        TestInfrastructure.recreateEmptyDatabase(database.url());
        stream.views().delete(Buckets.PLATFORM_SUMMARY);
        assertThat(stream.view()).isEmpty();

        try (ProjectionServiceInstance instance = ProjectionServiceInstance.start(stream.namespace, database.url())) {
            await().atMost(Duration.ofSeconds(90)).until(instance::isReady);
            PlatformSummaryView after = stream.view().orElseThrow();

            assertThat(after.toBuilder().clearUpdatedAt().build())
                    .isEqualTo(before.toBuilder().clearUpdatedAt().build());
            assertThat(after.getUpdatedAt().getSeconds() * 1_000_000_000L + after.getUpdatedAt().getNanos())
                    .as("published again after the rebuild")
                    .isGreaterThan(before.getUpdatedAt().getSeconds() * 1_000_000_000L
                            + before.getUpdatedAt().getNanos());
            assertThat(instance.runner().position()).isEqualTo(last);
        }
    }
}
