package io.eventsaas.projections.nats;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.contracts.views.RecentSignup;
import io.eventsaas.projections.summary.PlatformSummary;
import io.eventsaas.projections.summary.Signup;
import io.eventsaas.projections.views.PersonalNames;
import java.time.Instant;
import java.util.Base64;

/** The summary as the gateway reads it: the protobuf value of the key platform-summary in the views bucket. */
final class PlatformSummaryViews {

    private PlatformSummaryViews() {
    }

    static PlatformSummaryView toView(PlatformSummary summary, Instant updatedAt, PersonalNames names) {
        PlatformSummaryView.Builder view = PlatformSummaryView.newBuilder()
                .setUsers(summary.users())
                .setOrganizations(summary.organizations())
                .setAsOfSequence(summary.asOfSequence())
                .setUpdatedAt(timestamp(updatedAt));
        for (Signup signup : summary.latestSignups()) {
            view.addLatestSignups(RecentSignup.newBuilder()
                    .setDisplayName(displayName(signup.displayName(), names))
                    .setRegisteredAt(timestamp(signup.registeredAt())));
        }
        return view.build();
    }

    /** A name kept sealed is opened now: "Erased user" once its key is gone. */
    private static String displayName(String stored, PersonalNames names) {
        if (stored.isEmpty()) {
            return PersonalNames.ERASED;
        }
        if (!stored.startsWith(SummaryEvents.SEALED)) {
            return stored;
        }
        return names.displayName(Base64.getDecoder().decode(stored.substring(SummaryEvents.SEALED.length())));
    }

    /** Whether two views say the same thing, whenever they were written. */
    static boolean sameContent(PlatformSummaryView a, PlatformSummaryView b) {
        return a.toBuilder().clearUpdatedAt().build().equals(b.toBuilder().clearUpdatedAt().build());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
