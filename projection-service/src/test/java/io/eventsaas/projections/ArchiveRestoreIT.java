package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.platform.archive.ArchiveRestore;
import io.eventsaas.platform.archive.EventArchive;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.testing.TestDatabase;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.api.MessageInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Law 8, drilled: the SQL archive holds every message verbatim; after the EVENTS stream is deleted, the restore
 * command puts every message back at its sequence, the aggregates' versions (per-subject sequences) and with them
 * the expected-sequence checks are as before, and a rebuilt database publishes the same views.
 */
@DisplayName("the event archive restores a deleted stream")
class ArchiveRestoreIT {

    @RegisterExtension
    final TestDatabase database = new TestDatabase("projections_archive");
    @RegisterExtension
    final EventStreamFixture stream = new EventStreamFixture();

    private record Stored(long sequence, String subject, String data, String types) {
    }

    private List<Stored> messages() throws Exception {
        var jsm = stream.connector().connection().jetStreamManagement();
        List<Stored> all = new ArrayList<>();
        for (long seq = 1; seq <= stream.lastSequence(); seq++) {
            MessageInfo info = jsm.getMessage(stream.store().streamName(), seq);
            all.add(new Stored(info.getSeq(), info.getSubject(), HexFormat.of().formatHex(info.getData()),
                    info.getHeaders().getFirst("Event-Types")));
        }
        return all;
    }

    @Test
    @DisplayName("given an archived stream, when it is deleted and restored, every message, version and view is as "
            + "before, and expected-sequence checks still hold")
    void deleteRestoreRebuild() throws Exception {
        stream.registerConcurrently(40, 4);
        EventStreamFixture.Registration ada = stream.register("Ada");
        for (int i = 0; i < 3; i++) {
            stream.appendNext(Streams.ORGANIZATION, ada.organizationId(), MemberJoined.newBuilder()
                    .setOrganizationId(ada.organizationId()).setUserId(UUID.randomUUID().toString())
                    .setRole("member").build());
        }
        long last = stream.lastSequence();
        Map<String, String> views;
        try (ProjectionServiceInstance instance = ProjectionServiceInstance.start(stream.namespace, database.url())) {
            await().atMost(Duration.ofSeconds(60)).until(instance::isReady);
            views = stream.allViews();
        }
        List<Stored> before = messages();
        long versionBefore = stream.store().versionOf(Streams.ORGANIZATION, ada.organizationId());
        EventArchive archive = new EventArchive(database.jdbc());
        assertThat(archive.count()).isEqualTo(last);

        // The disaster: the stream is gone.
        stream.connector().connection().jetStreamManagement().deleteStream(stream.store().streamName());

        long restored = new ArchiveRestore(archive, stream.store(), stream.connector()).restore();

        assertThat(restored).isEqualTo(last);
        assertThat(messages()).isEqualTo(before);
        assertThat(stream.store().versionOf(Streams.ORGANIZATION, ada.organizationId())).isEqualTo(versionBefore);
        String commandId = UUID.randomUUID().toString();
        assertThatThrownBy(() -> stream.store().append(new Append(Streams.ORGANIZATION, ada.organizationId(),
                versionBefore - 1, commandId, commandId, commandId,
                List.of(new NewEvent("MemberJoined", 1, new byte[0])))))
                .as("a writer with a stale version still conflicts").isInstanceOf(AppendConflictException.class);

        // Every database rebuilt from the restored stream, the views bucket emptied too: the same views.
        TestInfrastructure.recreateEmptyDatabase(database.url());
        var bucket = stream.views();
        for (String key : bucket.keys()) {
            bucket.purge(key);
        }
        assertThat(stream.allViews()).isEmpty();
        try (ProjectionServiceInstance instance = ProjectionServiceInstance.start(stream.namespace, database.url())) {
            await().atMost(Duration.ofSeconds(60)).until(instance::isReady);
            assertThat(stream.allViews()).isEqualTo(views);
        }
    }
}
