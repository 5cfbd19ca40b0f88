package io.eventsaas.platform.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class WarmUpTest {

    @Test
    @DisplayName("steps run in order; a failing step is retried and holds back the ones after it; ready only at the end")
    void stepsInOrderWithRetries() {
        List<String> ran = new CopyOnWriteArrayList<>();
        AtomicInteger databaseAttempts = new AtomicInteger();
        WarmUp warmUp = new WarmUp("test-service", List.of(
                WarmUpStep.of("migrate the database", () -> {
                    ran.add("migrate attempt " + databaseAttempts.incrementAndGet());
                    if (databaseAttempts.get() < 3) {
                        throw new IllegalStateException("Connection refused");
                    }
                }),
                WarmUpStep.of("join the queue groups", () -> ran.add("join"))));

        assertThat(warmUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        warmUp.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(warmUp::isDone);
        } finally {
            warmUp.stop();
        }

        assertThat(ran).containsExactly("migrate attempt 1", "migrate attempt 2", "migrate attempt 3", "join");
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    @DisplayName("while a step keeps failing, health says which step and why")
    void reportsTheStuckStep() {
        WarmUp warmUp = new WarmUp("test-service", List.of(
                WarmUpStep.of("connect to NATS", () -> {
                    throw new java.io.IOException("Unable to connect to NATS servers");
                })));
        warmUp.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> warmUp.health().getDetails().containsKey("lastProblem"));
            assertThat(warmUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(warmUp.health().getDetails()).containsEntry("step", "connect to NATS");
            assertThat(warmUp.health().getDetails().get("lastProblem").toString()).contains("Unable to connect");
        } finally {
            warmUp.stop();
        }
    }
}
