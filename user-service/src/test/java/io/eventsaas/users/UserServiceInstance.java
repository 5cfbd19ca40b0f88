package io.eventsaas.users;

import io.eventsaas.platform.testing.ServiceInstance;

/** One user-service instance in this JVM, in the test's namespace and with a database of its own. */
final class UserServiceInstance extends ServiceInstance {

    private UserServiceInstance(String namespace, String databaseUrl, String... moreProperties) {
        super(UserServiceApplication.class, namespace, databaseUrl, moreProperties);
    }

    /** Starts an instance and waits until its warm-up is done (it has joined its queue groups). */
    static UserServiceInstance start(String namespace, String databaseUrl, String... moreProperties) {
        UserServiceInstance instance = new UserServiceInstance(namespace, databaseUrl, moreProperties);
        instance.awaitWarmUp();
        return instance;
    }
}
