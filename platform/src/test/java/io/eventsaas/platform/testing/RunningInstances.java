package io.eventsaas.platform.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up most integration test classes share: a namespace of their own on the real NATS server, one or more
 * instances of a service in it (each with a database of its own), and the clients the tests call them with; all
 * closed, dropped and deleted after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningInstances<UserServiceInstance> service = RunningInstances.of("users_seats", 1,
 *         UserServiceInstance::start);
 * private static UsersClient users;
 *
 * @BeforeAll
 * static void connect() {
 *     users = service.closeAfterAll(new UsersClient(service.namespace()));
 * }
 * }</pre>
 *
 * A static extension runs before the class's own {@code @BeforeAll} methods, so those find the instances running.
 * Its {@code @Nested} classes share the instances.
 */
public final class RunningInstances<I extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    /** Starts one instance in a namespace, on a database, and returns once it is warmed up. */
    @FunctionalInterface
    public interface Starter<I> {
        I start(String namespace, String databaseUrl) throws Exception;
    }

    private final String databaseHint;
    private final int count;
    private final Starter<I> starter;
    private final List<String> databases = new ArrayList<>();
    private final List<I> instances = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private String namespace;
    private Class<?> owner;

    private RunningInstances(String databaseHint, int count, Starter<I> starter) {
        this.databaseHint = databaseHint;
        this.count = count;
        this.starter = starter;
    }

    /**
     * @param databaseHint part of the databases' names, to tell whose they are in {@code psql}
     * @param count instances side by side in one namespace (as several replicas of a service run)
     */
    public static <I extends AutoCloseable> RunningInstances<I> of(String databaseHint, int count,
            Starter<I> starter) {
        return new RunningInstances<>(databaseHint, count, starter);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (owner != null) {
            return; // a @Nested class of the one that declares it: same instances
        }
        owner = context.getRequiredTestClass();
        namespace = TestInfrastructure.newNamespace();
        for (int i = 0; i < count; i++) {
            String database = TestInfrastructure.newDatabase(count == 1 ? databaseHint : databaseHint + "_" + i);
            databases.add(database);
            instances.add(starter.start(namespace, database));
        }
    }

    /** Registers a client (or anything) to close after the class, before the instances stop; returns it. */
    public <C extends AutoCloseable> C closeAfterAll(C client) {
        clients.add(client);
        return client;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() != owner) {
            return; // a @Nested class ends; the declaring class still runs
        }
        Exception first = null;
        List<AutoCloseable> toClose = new ArrayList<>(clients.reversed());
        toClose.addAll(instances);
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        databases.forEach(TestInfrastructure::dropDatabase);
        TestInfrastructure.deleteNamespace(namespace);
        if (first != null) {
            throw first;
        }
    }

    public String namespace() {
        return namespace;
    }

    /** The only (or the first) instance. */
    public I instance() {
        return instances.getFirst();
    }

    public List<I> instances() {
        return List.copyOf(instances);
    }

    /** The only (or the first) instance's database, as a JDBC URL. */
    public String database() {
        return databases.getFirst();
    }

    public List<String> databases() {
        return List.copyOf(databases);
    }
}
