package io.eventsaas.gateway.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.contracts.views.RecentSignup;
import io.nats.client.api.KeyValueOperation;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Platform summary kept in memory")
class PlatformSummaryViewsTest {

    private final PlatformSummaryViews views = new PlatformSummaryViews();

    private static byte[] view(long users) {
        return PlatformSummaryView.newBuilder()
                .setUsers(users)
                .setOrganizations(users + 1)
                .addLatestSignups(RecentSignup.newBuilder().setDisplayName("Ada")
                        .setRegisteredAt(Timestamp.newBuilder().setSeconds(1_800_000_000L)))
                .setAsOfSequence(users * 2)
                .build().toByteArray();
    }

    @Test
    @DisplayName("given no view yet, then nothing")
    void empty() {
        assertThat(views.current()).isEmpty();
    }

    @Test
    @DisplayName("given a put, then its numbers and latest sign-ups")
    void put() {
        views.accept(1, KeyValueOperation.PUT, view(10));

        assertThat(views.current()).hasValueSatisfying(summary -> {
            assertThat(summary.users()).isEqualTo(10);
            assertThat(summary.organizations()).isEqualTo(11);
            assertThat(summary.asOfSequence()).isEqualTo(20);
            assertThat(summary.latestSignups()).containsExactly(
                    new PlatformSummary.RecentSignup("Ada", Instant.ofEpochSecond(1_800_000_000L)));
        });
    }

    @Test
    @DisplayName("given updates that arrive out of order, then the highest revision wins")
    void outOfOrder() {
        views.accept(5, KeyValueOperation.PUT, view(50));
        views.accept(4, KeyValueOperation.PUT, view(40));

        assertThat(views.current()).map(PlatformSummary::users).hasValue(50L);
    }

    @Test
    @DisplayName("given a delete, then nothing; given bytes that are not a view, then the last good one stays")
    void deleteAndGarbage() {
        views.accept(1, KeyValueOperation.PUT, view(10));
        views.accept(2, KeyValueOperation.PUT, new byte[] {(byte) 0xff, 0x01, 0x02});

        assertThat(views.current()).map(PlatformSummary::users).hasValue(10L);

        views.accept(3, KeyValueOperation.DELETE, null);

        assertThat(views.current()).isEmpty();
    }
}
