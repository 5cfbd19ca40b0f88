package io.eventsaas.platform.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An empty PostgreSQL database of its own for each test, dropped after it (with every connection to it):
 * {@code @RegisterExtension final TestDatabase database = new TestDatabase("users");}. It is created before the
 * test's {@code @BeforeEach} methods run and dropped after its {@code @AfterEach} methods have stopped what used it.
 */
public final class TestDatabase implements BeforeEachCallback, AfterEachCallback {

    private final String hint;
    private String url;
    private DriverManagerDataSource dataSource;

    /** @param hint the start of the database's name, e.g. {@code projections}, for whoever lists them */
    public TestDatabase(String hint) {
        this.hint = hint;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        url = TestInfrastructure.newDatabase(hint);
        dataSource = new DriverManagerDataSource(url, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestInfrastructure.dropDatabase(url);
    }

    /** Its JDBC URL, for a service instance or a data source of the test's own. */
    public String url() {
        return url;
    }

    /** A new JdbcTemplate on it; each statement opens a connection of its own. */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    /** Transactions on its connections, for what a projection runner writes. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }
}
