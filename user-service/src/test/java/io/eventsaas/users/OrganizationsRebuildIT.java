package io.eventsaas.users;

import static io.eventsaas.users.OrganizationsClient.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.billing.SubscriptionStarted;
import io.eventsaas.contracts.users.UserErased;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Law 1 for the organisation rows (and the seat limits billing's events set): drop the database, restart, and the
 * rows come back identical.
 */
@DisplayName("rebuilding the organisation rows from the stream")
class OrganizationsRebuildIT {

    private static final List<String> TABLES = List.of("organizations", "memberships", "invitations", "api_keys",
            "seat_limits");
    private static String namespace;
    private static String database;
    private static UsersClient users;
    private static OrganizationsClient orgs;

    @BeforeAll
    static void setUp() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        database = TestInfrastructure.newDatabase("users_orgs_rebuild");
        users = new UsersClient(namespace);
        orgs = new OrganizationsClient(namespace);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        orgs.close();
        users.close();
        TestInfrastructure.dropDatabase(database);
        TestInfrastructure.deleteNamespace(namespace);
    }

    private static String register(String name) {
        return users.register(name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8)
                + "@example.org", name)
                .getUserId();
    }

    @Test
    @DisplayName("given organisations with members, roles, invitations of every status, keys and a closed one, when "
            + "the database is dropped and the instance restarts, then every organisation row is as before")
    void identicalRowsAfterRebuild() throws Exception {
        Map<String, List<String>> before;
        String owner;
        String org;
        try (UserServiceInstance instance = UserServiceInstance.start(namespace, database)) {
            owner = register("Rita Owner");
            String admin = register("Rex Admin");
            String member = register("Ray Member");
            String loner = register("Lone Wolf");
            org = orgs.create(user(owner), "Rebuild Co").getOrganizationId();
            orgs.accept(user(admin), orgs.invite(user(owner), org, "rex@example.org", "admin").getToken());
            orgs.accept(user(member), orgs.invite(user(owner), org, "ray@example.org", "member").getToken());
            orgs.changeRole(user(owner), org, member, "admin");
            orgs.remove(user(owner), org, admin);
            orgs.invite(user(owner), org, "open@example.org", "member");
            var revoked = orgs.invite(user(owner), org, "revoked@example.org", "admin");
            orgs.revokeInvitation(user(owner), org, revoked.getInvitationId());
            orgs.createApiKey(user(owner), org, "active", "admin");
            var gone = orgs.createApiKey(user(owner), org, "gone", "member");
            orgs.revokeApiKey(user(owner), org, gone.getApiKey().getApiKeyId());
            // billing's word on the plan: Free (3 seats), Pro (unlimited), back to Free for non-payment. Owner, member
            // and the open invitation take the 3 seats.
            appendPlan(org, EventTypes.SUBSCRIPTION_STARTED, SubscriptionStarted.newBuilder().setOrganizationId(org)
                    .setPlanCode("free").setSeatLimit(3).build());
            appendPlan(org, EventTypes.PLAN_CHANGED, PlanChanged.newBuilder().setOrganizationId(org)
                    .setFromPlanCode("free").setToPlanCode("pro").setReason("upgrade").build());
            appendPlan(org, EventTypes.PLAN_CHANGED, PlanChanged.newBuilder().setOrganizationId(org)
                    .setFromPlanCode("pro").setToPlanCode("free").setReason("non-payment").setSeatLimit(3).build());
            assertThat(inviteStatus(owner, org)).as("Free is full").isEqualTo(RpcStatus.CONFLICT);
            long version = orgs.eventStore.versionOf(Streams.USER, loner);
            orgs.eventStore.append(new Append(Streams.USER, loner, version, "erase-" + loner, "c", "c",
                    List.of(new NewEvent(EventTypes.USER_ERASED, 1,
                            UserErased.newBuilder().setUserId(loner).build().toByteArray()))));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!rows(database).get("organizations").toString().contains("\"closed\":true")) {
                assertThat(System.nanoTime()).as("the lone user's organisation closes").isLessThan(deadline);
                Thread.sleep(50);
            }
            before = rows(database);
        }
        assertThat(before.get("invitations")).hasSize(4);
        assertThat(before.get("api_keys")).hasSize(2);

        TestInfrastructure.recreateEmptyDatabase(database);
        try (UserServiceInstance rebuilt = UserServiceInstance.start(namespace, database)) {
            assertThat(rows(database)).isEqualTo(before);
            assertThat(before.get("seat_limits")).singleElement().asString().contains("\"seat_limit\":3");
            assertThat(inviteStatus(owner, org)).as("Free is still full").isEqualTo(RpcStatus.CONFLICT);
        }
    }

    /** Appends to the organisation's subscription as billing-service does (its subject, its expected version). */
    private static void appendPlan(String org, String type, Message event) {
        long version = orgs.eventStore.versionOf(Streams.SUBSCRIPTION, org);
        orgs.eventStore.append(new Append(Streams.SUBSCRIPTION, org, version, UUID.randomUUID().toString(), "c", "c",
                List.of(new NewEvent(type, 1, event.toByteArray()))));
    }

    /** The status an invitation is refused with; null when it is issued. */
    private static RpcStatus inviteStatus(String owner, String org) {
        try {
            orgs.invite(user(owner), org, "one.more@example.org", "member");
            return null;
        } catch (RpcException e) {
            return e.status();
        }
    }

    /** Every row of the organisation tables, as JSON, in key order. */
    private static Map<String, List<String>> rows(String jdbcUrl) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (var connection = DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword()); var statement = connection.createStatement()) {
            for (String table : TABLES) {
                List<String> json = new ArrayList<>();
                try (var result = statement.executeQuery(
                        "SELECT row_to_json(t)::text FROM (SELECT * FROM " + table + " ORDER BY 1, 2) t")) {
                    while (result.next()) {
                        json.add(result.getString(1));
                    }
                }
                rows.put(table, json);
            }
        }
        return rows;
    }
}
