package io.eventsaas.users;

import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.util.Arrays;
import java.util.UUID;

/**
 * How long the identity calls take over NATS against one user-service instance (real NATS and PostgreSQL, the
 * production Argon2id parameters): authenticate-session, which the gateway sends with every request, and sign-in
 * (start-session) with the right password, a wrong one and an unknown address. Not a test: run it and read the
 * figures.
 *
 * <pre>
 * ./mvnw -q -pl user-service test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.eventsaas.users.AccountsBenchmark -Dexec.args="5000 60"
 * </pre>
 * The arguments: authenticate-session calls, sign-in calls of each kind.
 */
public final class AccountsBenchmark {

    private AccountsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int authentications = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int signIns = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String namespace = TestInfrastructure.newNamespace();
        String database = TestInfrastructure.newDatabase("users_benchmark");
        // The lock would stop the wrong-password rounds: raise it for the benchmark only.
        try (UserServiceInstance instance = UserServiceInstance.start(namespace, database,
                "users.sessions.max-failed-sign-ins=1000", "logging.level.root=WARN");
                UsersClient client = new UsersClient(namespace)) {
            String email = "bench." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            UserRegistration user = client.registerAndSignIn(email, "Bench Mark");
            String token = user.getSession().getSessionToken();
            for (int i = 0; i < 500; i++) {
                client.authenticate(token); // warm up the JIT, the connection and the database pool
            }
            long[] authenticate = new long[authentications];
            for (int i = 0; i < authentications; i++) {
                long start = System.nanoTime();
                client.authenticate(token);
                authenticate[i] = System.nanoTime() - start;
            }
            print("authenticate-session", authenticate);

            long[] ok = new long[signIns];
            long[] wrong = new long[signIns];
            long[] unknown = new long[signIns];
            for (int i = 0; i < signIns; i++) { // interleaved, so a noisy machine hurts the three alike
                ok[i] = time(() -> client.signIn(email, UsersClient.PASSWORD));
                wrong[i] = time(() -> client.signIn(email, "not the password at all"));
                unknown[i] = time(() -> client.signIn("nobody." + UUID.randomUUID() + "@example.org",
                        "not the password at all"));
            }
            print("start-session, right password", ok);
            print("start-session, wrong password", wrong);
            print("start-session, unknown address", unknown);
        } finally {
            TestInfrastructure.dropDatabase(database);
            TestInfrastructure.deleteNamespace(namespace);
        }
        System.exit(0);
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (RpcException expected) {
            // a refused sign-in is what is measured
        }
        return System.nanoTime() - start;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-32s n=%5d  p50 %8.3f ms  p90 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n", what, sorted.length,
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
