package io.eventsaas.gateway.views;

import java.time.Instant;
import java.util.List;

/** The admin dashboard's figures as projection-service last published them (key platform-metrics). */
public record AdminMetrics(long users, long organizations, List<PlanCount> activeSubscriptions, long mrrMinorUnits,
        String currency, List<DayCount> signupsPerDay, long churnedSubscriptions, long invoicesPaid,
        long invoicesFailed, List<DayAmount> mrrPerDay, long asOfSequence, Instant updatedAt) {

    public AdminMetrics {
        activeSubscriptions = List.copyOf(activeSubscriptions);
        signupsPerDay = List.copyOf(signupsPerDay);
        mrrPerDay = List.copyOf(mrrPerDay);
    }

    public static final AdminMetrics NONE = new AdminMetrics(0, 0, List.of(), 0, "", List.of(), 0, 0, 0, List.of(),
            0, null);

    public long activeSubscriptionsTotal() {
        return activeSubscriptions.stream().mapToLong(PlanCount::count).sum();
    }

    public record PlanCount(String plan, long count) {
    }

    public record DayCount(String day, long count) {
    }

    public record DayAmount(String day, long minorUnits) {
    }
}
