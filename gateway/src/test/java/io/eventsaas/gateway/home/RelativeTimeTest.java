package io.eventsaas.gateway.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Relative time")
class RelativeTimeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final RelativeTime time = new RelativeTime(Clock.fixed(NOW, ZoneOffset.UTC));

    private String ago(Duration duration) {
        return time.since(NOW.minus(duration));
    }

    @Test
    @DisplayName("reads like a person would say it")
    void words() {
        assertThat(ago(Duration.ofSeconds(10))).isEqualTo("just now");
        assertThat(ago(Duration.ofSeconds(-30))).as("a clock slightly ahead").isEqualTo("just now");
        assertThat(ago(Duration.ofSeconds(50))).isEqualTo("1 minute ago");
        assertThat(ago(Duration.ofMinutes(3))).isEqualTo("3 minutes ago");
        assertThat(ago(Duration.ofHours(1))).isEqualTo("1 hour ago");
        assertThat(ago(Duration.ofHours(5))).isEqualTo("5 hours ago");
        assertThat(ago(Duration.ofDays(2))).isEqualTo("2 days ago");
        assertThat(ago(Duration.ofDays(65))).isEqualTo("2 months ago");
        assertThat(ago(Duration.ofDays(800))).isEqualTo("2 years ago");
        assertThat(time.since(null)).isEmpty();
    }
}
