package io.eventsaas.gateway;

import io.eventsaas.platform.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the gateway's tests against the real NATS server share: one gateway for the whole test class, in a namespace
 * of its own (deleted at the end), and the stand-in users service a test starts with {@link #startUsers()}, stopped
 * after that test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgainstRunningGateway {

    protected final String namespace = TestInfrastructure.newNamespace();
    protected RunningGateway gateway;
    protected UsersStub users;

    @BeforeAll
    void startGateway() {
        gateway = RunningGateway.start(namespace);
    }

    /** Starts the stand-in users service in the namespace, for the current test only. */
    protected UsersStub startUsers() throws Exception {
        users = UsersStub.start(namespace);
        return users;
    }

    @AfterEach
    void stopUsers() throws Exception {
        if (users != null) {
            users.close();
            users = null;
        }
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
        TestInfrastructure.deleteNamespace(namespace);
    }
}
