package io.eventsaas.platform.testing;

import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A namespace of its own on the real NATS server for each test (its stream, buckets and subjects) and a connection
 * in it, closed and deleted after the test's {@code @AfterEach} methods:
 * {@code @RegisterExtension final TestNamespace nats = new TestNamespace("my-test");}.
 */
public final class TestNamespace implements BeforeEachCallback, AfterEachCallback {

    private final String clientName;
    private String name;
    private NatsConnector connector;

    /** @param clientName the connection's name, as the server lists it */
    public TestNamespace(String clientName) {
        this.clientName = clientName;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        name = TestInfrastructure.newNamespace();
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", name, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(2)), clientName);
        connector.awaitConnection(Duration.ofSeconds(10));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            connector.close();
        } finally {
            TestInfrastructure.deleteNamespace(name);
        }
    }

    public String name() {
        return name;
    }

    public NatsConnector connector() {
        return connector;
    }
}
