package io.eventsaas.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Law 1: the database is a disposable projection of the stream. */
@DisplayName("rebuilding the read model from the stream")
class RebuildFromStreamIT {

    private static String namespace;
    private static String database;
    private static UsersClient client;

    @BeforeAll
    static void setUp() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        database = TestInfrastructure.newDatabase("users_rebuild");
        client = new UsersClient(namespace);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        client.close();
        TestInfrastructure.dropDatabase(database);
        TestInfrastructure.deleteNamespace(namespace);
    }

    @Test
    @DisplayName("given registered users, when the database is dropped and the instance restarts, then get-user "
            + "answers exactly as before")
    void dropDatabaseAndRestart() throws Exception {
        List<UserDetails> before = new ArrayList<>();
        try (UserServiceInstance instance = UserServiceInstance.start(namespace, database)) {
            for (int i = 0; i < 5; i++) {
                UserRegistration registration = client.register(
                        "rebuild" + i + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "User " + i);
                before.add(client.getUser(registration.getUserId()));
            }
        }
        assertThat(before).allSatisfy(user -> assertThat(user.getOrganizationsCount()).isEqualTo(1));

        TestInfrastructure.recreateEmptyDatabase(database);

        try (UserServiceInstance rebuilt = UserServiceInstance.start(namespace, database)) {
            for (UserDetails user : before) {
                assertThat(client.getUser(user.getUserId())).isEqualTo(user);
            }
        }
    }
}
