package io.eventsaas.gateway.views;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.PlatformMetricsView;
import java.time.Instant;

/**
 * The platform metrics, kept in memory by a watch on their key in the views bucket, and pushed to whoever listens
 * (the admin dashboard's server-sent events) each time projection-service publishes a new revision.
 */
public final class AdminMetricsViews extends WatchedView<PlatformMetricsView, AdminMetrics> {

    public AdminMetricsViews() {
        super(Buckets.PLATFORM_METRICS, PlatformMetricsView.parser(), AdminMetricsViews::toMetrics);
    }

    static AdminMetrics toMetrics(PlatformMetricsView view) {
        return new AdminMetrics(view.getUsers(), view.getOrganizations(),
                view.getActiveSubscriptionsList().stream()
                        .map(p -> new AdminMetrics.PlanCount(p.getPlanCode(), p.getCount())).toList(),
                view.getMrrMinorUnits(), view.getCurrency(),
                view.getSignupsPerDayList().stream().map(d -> new AdminMetrics.DayCount(d.getDay(), d.getCount()))
                        .toList(),
                view.getChurnedSubscriptions(), view.getInvoicesPaid(), view.getInvoicesFailed(),
                view.getMrrPerDayList().stream()
                        .map(d -> new AdminMetrics.DayAmount(d.getDay(), d.getMinorUnits())).toList(),
                view.getAsOfSequence(),
                view.hasUpdatedAt() ? Instant.ofEpochSecond(view.getUpdatedAt().getSeconds(),
                        view.getUpdatedAt().getNanos()) : null);
    }
}
