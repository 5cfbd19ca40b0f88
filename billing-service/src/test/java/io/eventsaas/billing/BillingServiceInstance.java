package io.eventsaas.billing;

import io.eventsaas.platform.testing.ServiceInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * One billing-service instance in this JVM, in the test's namespace and with a database of its own. The scheduled
 * run is off unless a test turns it on: tests move through months with runs as of chosen dates.
 */
final class BillingServiceInstance extends ServiceInstance {

    private BillingServiceInstance(String namespace, String databaseUrl, String... moreProperties) {
        super(BillingServiceApplication.class, namespace, databaseUrl, withoutScheduledRuns(moreProperties));
    }

    /** Starts an instance and waits until its warm-up is done (it has joined its queue groups). */
    static BillingServiceInstance start(String namespace, String databaseUrl, String... moreProperties) {
        BillingServiceInstance instance = new BillingServiceInstance(namespace, databaseUrl, moreProperties);
        instance.awaitWarmUp();
        return instance;
    }

    private static String[] withoutScheduledRuns(String... moreProperties) {
        List<String> properties = new ArrayList<>(List.of("billing.runs.scheduled=false"));
        properties.addAll(List.of(moreProperties));
        return properties.toArray(String[]::new);
    }
}
