package io.eventsaas.users;

import static io.eventsaas.users.OrganizationsClient.user;

import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Latency of the organisation endpoints over NATS, one user-service instance in this JVM against the real NATS and
 * PostgreSQL servers, called one at a time by one client (so: latency, not throughput). Not a test: run it and read
 * the figures.
 *
 * <pre>
 * ./mvnw -o -q -pl user-service test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.eventsaas.users.OrganizationsBenchmark -Dexec.args="200 2000"
 * </pre>
 */
public final class OrganizationsBenchmark {

    private OrganizationsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        String namespace = TestInfrastructure.newNamespace();
        String database = TestInfrastructure.newDatabase("users_orgs_bench");
        try (UserServiceInstance instance = UserServiceInstance.start(namespace, database);
                UsersClient users = new UsersClient(namespace);
                OrganizationsClient orgs = new OrganizationsClient(namespace)) {
            Caller owner = user(users.register("bench.owner." + UUID.randomUUID() + "@example.org", "Owner")
                    .getUserId());
            Caller joiner = user(users.register("bench.joiner." + UUID.randomUUID() + "@example.org", "Joiner")
                    .getUserId());
            warmUp(orgs, owner, joiner);

            List<String> organizations = new ArrayList<>();
            long[] create = new long[commands];
            long[] invite = new long[commands];
            long[] accept = new long[commands];
            long[] inviteAndAccept = new long[commands];
            for (int i = 0; i < commands; i++) {
                long t0 = System.nanoTime();
                String org = orgs.create(owner, "Bench " + i).getOrganizationId();
                long t1 = System.nanoTime();
                String token = orgs.invite(owner, org, "joiner@example.org", "member").getToken();
                long t2 = System.nanoTime();
                orgs.accept(joiner, token);
                long t3 = System.nanoTime();
                create[i] = t1 - t0;
                invite[i] = t2 - t1;
                accept[i] = t3 - t2;
                inviteAndAccept[i] = t3 - t1;
                organizations.add(org);
            }
            String org = organizations.getFirst();
            String secret = orgs.createApiKey(owner, org, "bench", "admin").getSecret();
            long[] authenticate = time(reads, () -> orgs.authenticate(secret));
            long[] members = time(reads, () -> orgs.members(owner, org));
            long[] get = time(reads, () -> orgs.get(owner, org));
            // What every organisation request pays for read-your-writes (ReadModelFreshness.catchUp): one look-up
            // of the stream's last sequence, here from the client's side of the same connection type.
            long[] streamTail = time(reads, orgs::lastSequence);

            System.out.printf("%n%d commands, %d reads, one client, one instance (namespace %s)%n", commands, reads,
                    namespace);
            print("create-organization", create);
            print("invite-member", invite);
            print("accept-invitation", accept);
            print("invite + accept", inviteAndAccept);
            print("authenticate-api-key", authenticate);
            print("list-members", members);
            print("get-organization", get);
            print("stream last sequence", streamTail);
        } finally {
            TestInfrastructure.dropDatabase(database);
            TestInfrastructure.deleteNamespace(namespace);
        }
        System.exit(0);
    }

    private static void warmUp(OrganizationsClient orgs, Caller owner, Caller joiner) {
        for (int i = 0; i < 30; i++) {
            String org = orgs.create(owner, "Warm-up " + i).getOrganizationId();
            orgs.accept(joiner, orgs.invite(owner, org, "w@example.org", "member").getToken());
            orgs.members(owner, org);
        }
    }

    private static long[] time(int n, Supplier<?> call) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-22s p50 %7.2f ms   p90 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n", what,
                percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
