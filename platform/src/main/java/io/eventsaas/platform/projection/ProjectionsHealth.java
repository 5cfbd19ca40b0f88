package io.eventsaas.platform.projection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of an instance's read models: out of service while one of them replays (with its progress: events
 * applied, to go, rate) or is stuck at an event whose handling keeps failing (with the sequence and the error).
 * Add it to the readiness group beside the warm-up.
 */
public final class ProjectionsHealth implements HealthIndicator {

    private final List<ProjectionRunner> runners;

    public ProjectionsHealth(List<ProjectionRunner> runners) {
        this.runners = List.copyOf(runners);
    }

    @Override
    public Health health() {
        boolean ready = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ProjectionRunner runner : runners) {
            Map<String, Object> state = describe(runner);
            ready &= runner.isCaughtUp() && runner.stuck().isEmpty();
            details.put(runner.name(), state);
        }
        return (ready ? Health.up() : Health.outOfService()).withDetails(details).build();
    }

    static Map<String, Object> describe(ProjectionRunner runner) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", runner.stuck().isPresent() ? "stuck" : runner.isCaughtUp() ? "caught-up" : "replaying");
        state.put("position", runner.position());
        state.put("eventsApplied", runner.appliedEvents());
        state.put("messagesToGo", runner.toGo());
        state.put("eventsPerSecond", Math.round(runner.rate()));
        runner.stuck().ifPresent(stuck -> state.put("stuck", Map.of("sequence", stuck.sequence(),
                "attempts", stuck.attempts(), "error", stuck.error())));
        return state;
    }
}
