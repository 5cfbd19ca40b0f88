package io.eventsaas.projections;

import io.eventsaas.platform.testing.TestInfrastructure;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;

/** What an operator does to a service's database when it forces a rebuild. */
final class Databases {

    private Databases() {
    }

    /** Drops the database and creates an empty one with the same name: the service's configuration stays as it is. */
    static void dropAndRecreateEmpty(String jdbcUrl) {
        TestInfrastructure.dropDatabase(jdbcUrl);
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String name = uri.getPath().substring(1);
        String adminUrl = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/postgres";
        try (var connection = DriverManager.getConnection(adminUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword()); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + name + ": " + e.getMessage(), e);
        }
    }
}
