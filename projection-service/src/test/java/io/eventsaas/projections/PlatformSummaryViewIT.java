package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.contracts.views.RecentSignup;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("projection-service publishes the platform summary to the views bucket")
class PlatformSummaryViewIT {

    private EventStreamFixture stream;
    private String database;
    private ProjectionServiceInstance instance;

    @BeforeEach
    void setUp() throws Exception {
        stream = new EventStreamFixture();
        database = TestInfrastructure.newDatabase("projections");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (instance != null) {
            instance.close();
        }
        stream.close();
        TestInfrastructure.dropDatabase(database);
    }

    @Test
    @DisplayName("given a ready instance, when users register, the view counts them and shows the five newest first")
    void countsAndLatestSignups() throws Exception {
        instance = ProjectionServiceInstance.start(stream.namespace, database);
        await().atMost(Duration.ofSeconds(60)).until(instance::isReady);
        Instant before = Instant.now();

        for (int i = 1; i <= 4; i++) {
            stream.register("user " + i);
        }
        // Between them, events this projection cannot use: a type it does not know, a newer schema version, and a
        // corrupt payload (parked, not fatal).
        stream.append("thing", UUID.randomUUID().toString(), "SomethingNew", 1, new byte[] {1, 2, 3});
        stream.append(Streams.USER, UUID.randomUUID().toString(), EventTypes.USER_REGISTERED, 3, new byte[] {4});
        stream.append(Streams.USER, UUID.randomUUID().toString(), EventTypes.USER_REGISTERED, 1,
                new byte[] {(byte) 0xff, 0x01});
        for (int i = 5; i <= 7; i++) {
            stream.register("user " + i);
        }
        String ownerId = UUID.randomUUID().toString();
        long last = stream.organizationCreated(UUID.randomUUID().toString(), "A team", ownerId);

        await().atMost(Duration.ofSeconds(30)).until(() -> stream.view()
                .map(PlatformSummaryView::getAsOfSequence).orElse(0L) == last);
        PlatformSummaryView view = stream.view().orElseThrow();

        assertThat(view.getUsers()).isEqualTo(7);
        assertThat(view.getOrganizations()).isEqualTo(8);
        assertThat(view.getLatestSignupsList()).extracting(RecentSignup::getDisplayName)
                .containsExactly("user 7", "user 6", "user 5", "user 4", "user 3");
        assertThat(view.getLatestSignupsList()).extracting(s -> instant(s.getRegisteredAt()))
                .isSortedAccordingTo(Comparator.reverseOrder())
                .allSatisfy(at -> assertThat(at).isBetween(before.minusSeconds(1), Instant.now()));
        assertThat(instant(view.getUpdatedAt())).isAfterOrEqualTo(before);
        assertThat(instance.isReady()).as("skipped events never stop the projection").isTrue();
        MeterRegistry meters = instance.bean(MeterRegistry.class);
        assertThat(meters.get("eventsaas.projection.events.skipped").tag("projection", "platform-summary-v2")
                .tag("reason", "unknown-type").counter().count()).isEqualTo(1);
        assertThat(meters.get("eventsaas.projection.events.skipped").tag("projection", "platform-summary-v2")
                .tag("reason", "newer-schema-version").counter().count()).isEqualTo(1);
        assertThat(meters.get("eventsaas.projection.events.skipped").tag("projection", "platform-summary-v2")
                .tag("reason", "malformed").counter().count()).isEqualTo(1);
        assertThat(instance.get("/actuator/prometheus").body())
                .contains("eventsaas_projection_events_skipped_total{projection=\"platform-summary-v2\"");
        assertThat(instance.get("/actuator/projections").body()).contains("\"status\":\"parked\"");
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
