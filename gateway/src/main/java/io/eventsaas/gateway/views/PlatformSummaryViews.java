package io.eventsaas.gateway.views;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.PlatformSummaryView;
import java.time.Instant;

/** The latest platform summary (the home page), kept in memory by a watch on its key in the views bucket. */
public final class PlatformSummaryViews extends WatchedView<PlatformSummaryView, PlatformSummary> {

    public PlatformSummaryViews() {
        super(Buckets.PLATFORM_SUMMARY, PlatformSummaryView.parser(), PlatformSummaryViews::toSummary);
    }

    static PlatformSummary toSummary(PlatformSummaryView view) {
        return new PlatformSummary(
                view.getUsers(),
                view.getOrganizations(),
                view.getLatestSignupsList().stream()
                        .map(signup -> new PlatformSummary.RecentSignup(signup.getDisplayName(),
                                signup.hasRegisteredAt() ? instant(signup.getRegisteredAt()) : null))
                        .toList(),
                view.getAsOfSequence(),
                view.hasUpdatedAt() ? instant(view.getUpdatedAt()) : null);
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
