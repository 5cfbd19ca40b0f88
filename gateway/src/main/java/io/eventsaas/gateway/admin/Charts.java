package io.eventsaas.gateway.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Server-side SVG geometry for the dashboard's two charts (no library, no CDN): bars for sign-ups per day and a
 * line for MRR over time, in a 600 x 200 view box. static/js/admin.js draws the same from live updates.
 */
final class Charts {

    static final int WIDTH = 600;
    static final int HEIGHT = 200;
    static final int PAD = 24;

    record Bar(double x, double y, double width, double height, String label) {
    }

    record Line(String points, long max, String first, String last) {
    }

    private Charts() {
    }

    static List<Bar> bars(List<Dashboard.Point> points) {
        long max = Math.max(1, points.stream().mapToLong(Dashboard.Point::value).max().orElse(1));
        double slot = (WIDTH - 2.0 * PAD) / Math.max(1, points.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Dashboard.Point p = points.get(i);
            double h = (HEIGHT - 2.0 * PAD) * p.value() / max;
            bars.add(new Bar(round(PAD + i * slot + 1), round(HEIGHT - PAD - h), round(Math.max(1, slot - 2)),
                    round(h), p.day() + ": " + p.value()));
        }
        return bars;
    }

    static Line line(List<Dashboard.Point> points) {
        long max = Math.max(1, points.stream().mapToLong(Dashboard.Point::value).max().orElse(1));
        StringBuilder svg = new StringBuilder();
        int n = points.size();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? WIDTH / 2.0 : PAD + i * (WIDTH - 2.0 * PAD) / (n - 1);
            double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * points.get(i).value() / max;
            svg.append(i == 0 ? "" : " ").append(round(x)).append(',').append(round(y));
        }
        return new Line(svg.toString(), max, n == 0 ? "" : points.getFirst().day(), n == 0 ? "" : points.getLast().day());
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
