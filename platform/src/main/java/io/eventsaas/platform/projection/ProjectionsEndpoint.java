package io.eventsaas.platform.projection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * The operators' view of an instance's read models ({@code /actuator/projections}): where each stands, and the
 * messages that were parked or that a read model is stuck at. {@code POST} with {@code projection} retries the
 * event it is stuck at now; with {@code projection} and {@code sequence}, applies a parked message again.
 */
@Endpoint(id = "projections")
public final class ProjectionsEndpoint {

    private final List<ProjectionRunner> runners;
    private final ParkedEvents parked;

    public ProjectionsEndpoint(List<ProjectionRunner> runners, ParkedEvents parked) {
        this.runners = List.copyOf(runners);
        this.parked = parked;
    }

    @ReadOperation
    public Map<String, Object> projections() {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> models = new LinkedHashMap<>();
        runners.forEach(runner -> models.put(runner.name(), ProjectionsHealth.describe(runner)));
        body.put("projections", models);
        body.put("parked", parked.list(false));
        return body;
    }

    @WriteOperation
    public Map<String, Object> retry(String projection, @Nullable Long sequence) {
        ProjectionRunner runner = runners.stream().filter(r -> r.name().equals(projection)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no projection " + projection));
        if (sequence == null || runner.stuck().map(s -> s.sequence() == sequence).orElse(false)) {
            runner.retry();
            return Map.of("projection", projection, "retry", "requested");
        }
        boolean applied = runner.retryParked(sequence);
        return Map.of("projection", projection, "sequence", sequence, "applied", applied);
    }
}
