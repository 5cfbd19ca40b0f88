package io.eventsaas.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.gateway.views.AdminMetrics;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the admin dashboard's figures and charts")
class DashboardTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-22");

    private static AdminMetrics metrics() {
        return new AdminMetrics(7, 9, List.of(new AdminMetrics.PlanCount("free", 5), new AdminMetrics.PlanCount("pro", 2)),
                5800, "EUR", List.of(new AdminMetrics.DayCount("2026-11-20", 3),
                new AdminMetrics.DayCount("2026-11-22", 4), new AdminMetrics.DayCount("2026-09-01", 9)),
                1, 4, 2, List.of(new AdminMetrics.DayAmount("2026-11-01", 2900),
                new AdminMetrics.DayAmount("2026-11-20", 5800)), 99, null);
    }

    @Test
    @DisplayName("sign-ups cover the last 30 days, zeros included, oldest first; older days drop out")
    void thirtyDays() {
        Dashboard dashboard = Dashboard.of(metrics(), TODAY);

        assertThat(dashboard.signupsPerDay()).hasSize(30);
        assertThat(dashboard.signupsPerDay().getFirst().day()).isEqualTo("2026-10-24");
        assertThat(dashboard.signupsPerDay().getLast()).isEqualTo(new Dashboard.Point("2026-11-22", 4));
        assertThat(dashboard.signupsPerDay().stream().mapToLong(Dashboard.Point::value).sum()).isEqualTo(7);
        assertThat(dashboard.mrr()).isEqualTo("EUR 58.00");
        assertThat(dashboard.activeSubscriptionsTotal()).isEqualTo(7);
    }

    @Test
    @DisplayName("the charts fit the view box: the highest bar is full height, the line ends at the top")
    void charts() {
        Dashboard dashboard = Dashboard.of(metrics(), TODAY);

        List<Charts.Bar> bars = Charts.bars(dashboard.signupsPerDay());
        assertThat(bars).hasSize(30);
        assertThat(bars.getLast().height()).isEqualTo(Charts.HEIGHT - 2 * Charts.PAD);
        assertThat(bars.getFirst().height()).isZero();
        Charts.Line line = Charts.line(dashboard.mrrOverTime());
        assertThat(line.points()).isEqualTo("24.0,100.0 576.0,24.0");
        assertThat(Charts.line(List.of()).points()).isEmpty();
    }
}
