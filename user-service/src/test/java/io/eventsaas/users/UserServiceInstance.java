package io.eventsaas.users;

import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.platform.warmup.WarmUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One user-service instance started in this JVM against the real NATS and PostgreSQL servers, in the test's
 * namespace and with a database of its own. Several can run side by side, as in production.
 */
final class UserServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    final String databaseUrl;

    private UserServiceInstance(ConfigurableApplicationContext context, String databaseUrl) {
        this.context = context;
        this.databaseUrl = databaseUrl;
    }

    /** Starts an instance and waits until its warm-up is done (it has joined its queue groups). */
    static UserServiceInstance start(String namespace, String databaseUrl, String... moreProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "nats.url=" + TestInfrastructure.natsUrl(),
                "nats.namespace=" + namespace,
                "spring.datasource.url=" + databaseUrl,
                "spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "spring.datasource.password=" + TestInfrastructure.postgresPassword()));
        properties.addAll(List.of(moreProperties));
        // As command-line arguments: SpringApplicationBuilder.properties(...) only sets defaults, which
        // application.yml overrides (its port 8081 and, worse, the real eventsaas_users database).
        ConfigurableApplicationContext context = new SpringApplicationBuilder(UserServiceApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        UserServiceInstance instance = new UserServiceInstance(context, databaseUrl);
        String effectiveUrl = context.getEnvironment().getProperty("spring.datasource.url");
        if (!databaseUrl.equals(effectiveUrl)) {
            context.close();
            throw new IllegalStateException("the instance would use " + effectiveUrl + ", not the test's " + databaseUrl);
        }
        instance.awaitReady(Duration.ofSeconds(60));
        return instance;
    }

    private void awaitReady(Duration timeout) {
        WarmUp warmUp = context.getBean(WarmUp.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!warmUp.isDone()) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("user-service did not warm up within " + timeout + ": " + warmUp.health());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
