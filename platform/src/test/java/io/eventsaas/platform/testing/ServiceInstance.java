package io.eventsaas.platform.testing;

import io.eventsaas.platform.warmup.WarmUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of a service started in this JVM against the real NATS and PostgreSQL servers, in a test's
 * namespace and with a database of its own, on a free port. Several can run side by side, as in production, and
 * beside {@code bin/dev}. A service's tests name theirs (e.g. {@code UserServiceInstance}) by extending this.
 */
public class ServiceInstance implements AutoCloseable {

    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(60);

    private final String serviceName;
    private final ConfigurableApplicationContext context;

    /** Starts an instance and returns at once: it warms up in the background (see {@link #awaitWarmUp()}). */
    protected ServiceInstance(Class<?> application, String namespace, String databaseUrl, String... moreProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "nats.url=" + TestInfrastructure.natsUrl(),
                "nats.namespace=" + namespace,
                "spring.datasource.url=" + databaseUrl,
                "spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(moreProperties));
        // As command-line arguments: SpringApplicationBuilder.properties(...) only sets defaults, which the
        // service's application.yml overrides (its port and, worse, its real database), and the environment
        // (a developer's NATS_NAMESPACE) outranks them too.
        context = new SpringApplicationBuilder(application)
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
        serviceName = context.getEnvironment().getProperty("spring.application.name", application.getSimpleName());
        String effectiveUrl = context.getEnvironment().getProperty("spring.datasource.url");
        if (!databaseUrl.equals(effectiveUrl)) {
            context.close();
            throw new IllegalStateException(serviceName + " would use " + effectiveUrl + ", not the test's "
                    + databaseUrl);
        }
    }

    /** Starts an instance and returns at once, for tests that watch it warm up. */
    public static ServiceInstance startWithoutWaiting(Class<?> application, String namespace, String databaseUrl,
            String... moreProperties) {
        return new ServiceInstance(application, namespace, databaseUrl, moreProperties);
    }

    /** Waits until the warm-up is done; after a minute, closes the instance and says which step it is stuck at. */
    public void awaitWarmUp() {
        WarmUp warmUp = context.getBean(WarmUp.class);
        long deadline = System.nanoTime() + WARM_UP_TIMEOUT.toNanos();
        while (!warmUp.isDone()) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(serviceName + " did not warm up within " + WARM_UP_TIMEOUT + ": "
                        + warmUp.health());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The HTTP port it listens on (actuator, and the pages of a service that has some). */
    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
