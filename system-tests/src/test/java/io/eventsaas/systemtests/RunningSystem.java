package io.eventsaas.systemtests;

import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system, each service a process of its own started from its jar as {@code bin/dev} starts it:
 * user-service, billing-service and projection-service with a database each, and the gateway, all in a namespace
 * of their own on the real NATS and PostgreSQL servers.
 */
final class RunningSystem implements AutoCloseable {

    private final String namespace = TestInfrastructure.newNamespace();
    private final List<String> databases = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private ServiceProcess gateway;

    private RunningSystem() {
    }

    /**
     * Starts the services and the gateway, logging to {@code target/system-tests/<logPrefix><module>.log}, and
     * returns once every one of them reports ready; stops what it started when one does not.
     */
    static RunningSystem start(String logPrefix) throws Exception {
        RunningSystem system = new RunningSystem();
        try {
            system.startProcesses(logPrefix);
            return system;
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
    }

    private void startProcesses(String logPrefix) throws Exception {
        Map<String, String> common = new HashMap<>();
        common.put("NATS_URL", TestInfrastructure.natsUrl());
        common.put("NATS_NAMESPACE", namespace);
        common.put("PGUSER", TestInfrastructure.postgresUser());
        common.put("PGPASSWORD", TestInfrastructure.postgresPassword());
        for (String module : List.of("user-service", "billing-service", "projection-service")) {
            String database = TestInfrastructure.newDatabase(module.replace("-service", ""));
            databases.add(database);
            Map<String, String> environment = new HashMap<>(common);
            environment.put("SPRING_DATASOURCE_URL", database);
            services.add(ServiceProcess.start(module, logPrefix + module, environment));
        }
        gateway = ServiceProcess.start("gateway", logPrefix + "gateway", common);
        services.add(gateway);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    String namespace() {
        return namespace;
    }

    /** Every process, the gateway last. */
    List<ServiceProcess> services() {
        return services;
    }

    ServiceProcess gateway() {
        return gateway;
    }

    /** Stops every process, then deletes the namespace and drops the databases. */
    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess service : services) {
            service.close();
        }
        TestInfrastructure.deleteNamespace(namespace);
        for (String database : databases) {
            TestInfrastructure.dropDatabase(database);
        }
    }
}
