package io.eventsaas.projections.nats;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.contracts.views.RecentSignup;
import io.eventsaas.projections.summary.PlatformSummary;
import io.eventsaas.projections.summary.Signup;
import java.time.Instant;

/** The summary as the gateway reads it: the protobuf value of the key platform-summary in the views bucket. */
final class PlatformSummaryViews {

    private PlatformSummaryViews() {
    }

    static PlatformSummaryView toView(PlatformSummary summary, Instant updatedAt) {
        PlatformSummaryView.Builder view = PlatformSummaryView.newBuilder()
                .setUsers(summary.users())
                .setOrganizations(summary.organizations())
                .setAsOfSequence(summary.asOfSequence())
                .setUpdatedAt(timestamp(updatedAt));
        for (Signup signup : summary.latestSignups()) {
            view.addLatestSignups(RecentSignup.newBuilder()
                    .setDisplayName(signup.displayName())
                    .setRegisteredAt(timestamp(signup.registeredAt())));
        }
        return view.build();
    }

    /** Whether two views say the same thing, whenever they were written. */
    static boolean sameContent(PlatformSummaryView a, PlatformSummaryView b) {
        return a.toBuilder().clearUpdatedAt().build().equals(b.toBuilder().clearUpdatedAt().build());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
