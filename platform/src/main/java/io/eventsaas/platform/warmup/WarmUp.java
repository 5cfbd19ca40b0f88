package io.eventsaas.platform.warmup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs an instance's warm-up steps in order, in the background, after the application context has started:
 * connect, migrate, catch up, and only then join the queue groups (law 6). Each failing step is retried with a
 * clear log line (PostgreSQL or NATS may come up later than the service); the instance is not ready until
 * the last step is done. Include the health indicator {@code warmUp} in the readiness group.
 */
public final class WarmUp implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private final String serviceName;
    private final List<WarmUpStep> steps;
    private volatile String current = "not started";
    private volatile String lastProblem;
    private volatile boolean done;
    private volatile boolean running;
    private Thread thread;

    public WarmUp(String serviceName, List<WarmUpStep> steps) {
        this.serviceName = serviceName;
        this.steps = List.copyOf(steps);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("warm-up").daemon().start(this::runSteps);
    }

    private void runSteps() {
        for (WarmUpStep step : steps) {
            current = step.description();
            if (!runUntilDone(step)) {
                return;
            }
        }
        current = "done";
        lastProblem = null;
        done = true;
        log.info("{} is warmed up and ready", serviceName);
    }

    private boolean runUntilDone(WarmUpStep step) {
        Duration delay = Duration.ofMillis(500);
        for (int attempt = 1; running; attempt++) {
            try {
                if (attempt == 1) {
                    log.info("Warm-up: {}", step.description());
                }
                step.action().run();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                lastProblem = rootMessage(e);
                log.warn("Warm-up: waiting to {} (attempt {}): {}; retrying in {} s", step.description(), attempt,
                        lastProblem, delay.toMillis() / 1000.0);
                log.debug("Warm-up failure in detail", e);
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? e.toString() : e.getMessage() + " (" + root + ")";
        text = text.lines().findFirst().orElse(text); // drivers like to add whole paragraphs
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    public boolean isDone() {
        return done;
    }

    @Override
    public Health health() {
        if (done) {
            return Health.up().build();
        }
        Health.Builder health = Health.outOfService().withDetail("step", current);
        if (lastProblem != null) {
            health.withDetails(Map.of("lastProblem", lastProblem));
        }
        return health.build();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts last, after the web server, so health is served while warming up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
