package io.eventsaas.billing;

import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.platform.warmup.WarmUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One billing-service instance in this JVM against the real NATS and PostgreSQL servers, in the test's namespace and
 * with a database of its own. Several can run side by side, as in production. The scheduled run is off unless a
 * test turns it on: tests move through months with runs as of chosen dates.
 */
final class BillingServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private BillingServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static BillingServiceInstance start(String namespace, String databaseUrl, String... moreProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "nats.url=" + TestInfrastructure.natsUrl(),
                "nats.namespace=" + namespace,
                "spring.datasource.url=" + databaseUrl,
                "spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "billing.runs.scheduled=false",
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(moreProperties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BillingServiceApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        BillingServiceInstance instance = new BillingServiceInstance(context);
        String effectiveUrl = context.getEnvironment().getProperty("spring.datasource.url");
        if (!databaseUrl.equals(effectiveUrl)) {
            context.close();
            throw new IllegalStateException("the instance would use " + effectiveUrl + ", not " + databaseUrl);
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
                throw new IllegalStateException("billing-service did not warm up within " + timeout + ": "
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
