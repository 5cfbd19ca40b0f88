package io.eventsaas.gateway.admin;

import io.eventsaas.gateway.views.AdminMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows, computed from the published metrics: the figures, sign-ups for each of the last 30
 * days (zero where nobody signed up) and MRR over time. The same record is the JSON of
 * {@code GET /api/v1/admin/metrics} and of each server-sent event, so the page's script draws what the server drew.
 */
record Dashboard(long users, long organizations, Map<String, Long> activeSubscriptions, long activeSubscriptionsTotal,
        long mrrMinorUnits, String currency, String mrr, long churnedSubscriptions, long invoicesPaid,
        long invoicesFailed, List<Point> signupsPerDay, List<Point> mrrOverTime, long asOfSequence,
        Instant updatedAt) {

    static final int DAYS = 30;

    record Point(String day, long value) {
    }

    static Dashboard of(AdminMetrics metrics, LocalDate today) {
        Map<String, Long> plans = new LinkedHashMap<>();
        metrics.activeSubscriptions().forEach(p -> plans.put(p.plan(), p.count()));
        Map<String, Long> signups = new LinkedHashMap<>();
        metrics.signupsPerDay().forEach(d -> signups.put(d.day(), d.count()));
        List<Point> days = new ArrayList<>();
        for (int i = DAYS - 1; i >= 0; i--) {
            String day = today.minusDays(i).toString();
            days.add(new Point(day, signups.getOrDefault(day, 0L)));
        }
        List<Point> mrr = metrics.mrrPerDay().stream().map(d -> new Point(d.day(), d.minorUnits())).toList();
        return new Dashboard(metrics.users(), metrics.organizations(), plans, metrics.activeSubscriptionsTotal(),
                metrics.mrrMinorUnits(), metrics.currency(), money(metrics.mrrMinorUnits(), metrics.currency()),
                metrics.churnedSubscriptions(), metrics.invoicesPaid(), metrics.invoicesFailed(), days, mrr,
                metrics.asOfSequence(), metrics.updatedAt());
    }

    static String money(long minorUnits, String currency) {
        String amount = String.format("%,d.%02d", minorUnits / 100, Math.abs(minorUnits % 100));
        return currency == null || currency.isEmpty() ? amount : currency + " " + amount;
    }
}
