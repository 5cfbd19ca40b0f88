package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.users.InviteePersonalData;
import io.eventsaas.contracts.users.MemberInvited;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.views.ActivityEntry;
import io.eventsaas.contracts.views.ActivityFeedChunk;
import io.eventsaas.contracts.views.ActivityFeedHead;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** No event marks an invitation's expiry: the activity feed notices it by the clock. */
@DisplayName("the activity feed when an invitation expires")
class ExpiredInvitationsIT {

    private EventStreamFixture stream;
    private String database;

    @BeforeEach
    void setUp() throws Exception {
        stream = new EventStreamFixture();
        database = TestInfrastructure.newDatabase("projections_expiry");
    }

    @AfterEach
    void tearDown() throws Exception {
        stream.close();
        TestInfrastructure.dropDatabase(database);
    }

    private List<String> lines(String org) throws Exception {
        return ActivityFeedChunk.parseFrom(stream.views().get(Buckets.activityChunk(org, 0)).getValue())
                .getEntriesList().stream().map(ActivityEntry::getLine).toList();
    }

    @Test
    @DisplayName("given an open invitation named in the feed, when it expires, then the feed says 'someone' and no "
            + "view holds the address; one that has not expired keeps it")
    void expiredInviteeLeavesTheFeed() throws Exception {
        String ada = UUID.randomUUID().toString();
        String org = UUID.randomUUID().toString();
        stream.userRegisteredSealed(ada, "Ada", "ada@example.com", UUID.randomUUID().toString());
        stream.appendNext(Streams.ORGANIZATION, org, OrganizationCreated.newBuilder().setOrganizationId(org)
                .setName("Acme").setOwnerUserId(ada).build());
        Instant daveExpires = Instant.now().plusSeconds(15).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        invite(org, ada, "dave@example.com", daveExpires);
        long last = invite(org, ada, "erin@example.com", Instant.now().plus(Duration.ofDays(7)));

        try (ProjectionServiceInstance instance = ProjectionServiceInstance.start(stream.namespace, database,
                "projections.invitation-expiry-check=300ms")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.views().get(Buckets.activity(org)) != null
                    && ActivityFeedHead.parseFrom(stream.views().get(Buckets.activity(org)).getValue())
                            .getAsOfSequence() == last);
            assertThat(Instant.now()).as("the feed was first rendered before Dave's invitation expired")
                    .isBefore(daveExpires);
            assertThat(lines(org)).contains("Ada invited dave@example.com as member",
                    "Ada invited erin@example.com as member");

            await().atMost(Duration.ofSeconds(40)).until(() -> lines(org).contains("Ada invited someone as member"));
            assertThat(lines(org)).contains("Ada invited erin@example.com as member")
                    .noneMatch(line -> line.contains("dave"));
            String daveInHex = HexFormat.of().formatHex("dave@example.com".getBytes(StandardCharsets.UTF_8));
            assertThat(stream.allViews().values()).as("no view holds the address")
                    .noneMatch(view -> view.contains(daveInHex));
        }
    }

    private long invite(String org, String by, String email, Instant expiresAt) {
        String invitation = UUID.randomUUID().toString();
        return stream.appendNext(Streams.ORGANIZATION, org, MemberInvited.newBuilder().setOrganizationId(org)
                .setInvitationId(invitation).setRole("member").setInvitedByUserId(by)
                .setExpiresAt(Timestamp.newBuilder().setSeconds(expiresAt.getEpochSecond()))
                .setInvitee(stream.vault().seal("invitation-" + invitation,
                        InviteePersonalData.newBuilder().setEmail(email).build())).build());
    }
}
