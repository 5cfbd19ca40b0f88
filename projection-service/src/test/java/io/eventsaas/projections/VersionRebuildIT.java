package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.ActivityFeedHead;
import io.eventsaas.platform.projection.Checkpoints;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.testing.TestDatabase;
import io.eventsaas.projections.activity.ActivityProjection;
import io.eventsaas.projections.views.PersonalNames;
import io.eventsaas.projections.views.ViewBucket;
import io.eventsaas.projections.views.ViewOutbox;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read model's new version is built beside the old one (own tables, own checkpoint) while the old one keeps
 * serving; the views switch to the new version when it has caught up, and the old one can no longer overwrite them.
 */
@DisplayName("a new read-model version is rebuilt without downtime")
class VersionRebuildIT {

    @RegisterExtension
    final TestDatabase database = new TestDatabase("projections_versions");
    private EventStreamFixture stream;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ViewBucket bucket;
    private ViewOutbox outbox;
    private PersonalNames names;

    @BeforeEach
    void setUp() throws Exception {
        stream = new EventStreamFixture();
        jdbc = database.jdbc();
        transactions = database.transactions();
        bucket = new ViewBucket(stream.connector());
        bucket.open();
        outbox = new ViewOutbox(jdbc);
        names = new PersonalNames(stream.vault());
        new Checkpoints(jdbc).ensureTable();
    }

    @AfterEach
    void tearDown() throws Exception {
        stream.close();
    }

    private ProjectionRunner runner(ActivityProjection model) {
        model.createTables();
        return new ProjectionRunner(model, stream.store(), stream.connector(), new Checkpoints(jdbc), transactions);
    }

    private ActivityFeedHead head(String organizationId) throws Exception {
        return ActivityFeedHead.parseFrom(stream.views().get(Buckets.activity(organizationId)).getValue());
    }

    @Test
    @DisplayName("given version 1 serving, version 2 replays beside it without touching the views, then takes over")
    void buildBesideThenSwitch() throws Exception {
        EventStreamFixture.Registration ada = stream.register("Ada");
        stream.registerConcurrently(30, 3);
        ActivityProjection v1 = new ActivityProjection(jdbc, 1, outbox, bucket, names);
        ActivityProjection v2 = new ActivityProjection(jdbc, 2, outbox, bucket, names);
        try (ProjectionRunner old = runner(v1)) {
            old.catchUp();
            v1.publishPending();
            assertThat(head(ada.organizationId()).getReadModelVersion()).isEqualTo(1);

            // Version 2 is deployed: hold its first batch back so that it is still replaying.
            var release = new CompletableFuture<Void>();
            var locked = new CompletableFuture<Void>();
            Thread holder = Thread.ofPlatform().start(() -> transactions.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO projection_checkpoint (projection, last_sequence) VALUES ('activity-v2', 0)");
                locked.complete(null);
                release.join();
            }));
            locked.get(5, TimeUnit.SECONDS);
            try (ProjectionRunner next = runner(v2)) {
                next.start();
                // While it replays, the old version keeps serving: a new event shows up, as version 1.
                EventStreamFixture.Registration grace = stream.register("Grace");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        stream.views().get(Buckets.activity(grace.organizationId())) != null);
                assertThat(head(grace.organizationId()).getReadModelVersion()).isEqualTo(1);
                assertThat(next.isCaughtUp()).isFalse();

                release.complete(null);
                holder.join();
                next.catchUp();
                // catchUp() means the stream as it was when the runner started, before Grace: wait for her too.
                next.awaitPosition(stream.lastSequence(), Duration.ofSeconds(30));
                v2.publishPending();
                assertThat(head(ada.organizationId()).getReadModelVersion()).isEqualTo(2);
                assertThat(head(grace.organizationId()).getReadModelVersion()).isEqualTo(2);

                // Both still run (the old instances until they are stopped): the old version cannot take back a view.
                EventStreamFixture.Registration alan = stream.register("Alan");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        stream.views().get(Buckets.activity(alan.organizationId())) != null
                                && old.position() == stream.lastSequence() && next.position() == stream.lastSequence());
                v1.publishPending();
                v2.publishPending();
                assertThat(head(alan.organizationId()).getReadModelVersion()).isEqualTo(2);
                assertThat(head(ada.organizationId()).getReadModelVersion()).isEqualTo(2);
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM activity_v1", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM activity_v2", Long.class));
    }
}
