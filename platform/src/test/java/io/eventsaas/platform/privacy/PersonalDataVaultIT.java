package io.eventsaas.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.StringValue;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.privacy.Sealed;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.KeyValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vault against a real NATS server: keys in a KV bucket, AES-256-GCM, crypto-shredding by purging a key. */
@DisplayName("PersonalDataVault")
class PersonalDataVaultIT {

    private static String namespace;
    private static final List<NatsConnector> connectors = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        namespace = TestInfrastructure.newNamespace();
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (NatsConnector connector : connectors) {
            connector.close();
        }
        TestInfrastructure.deleteNamespace(namespace);
    }

    /** A vault as one service instance has it: its own connection, its own cache. */
    private static PersonalDataVault newVault() throws Exception {
        NatsConnector connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofHours(1)), "vault-test");
        connector.awaitConnection(Duration.ofSeconds(10));
        connectors.add(connector);
        PersonalDataVault vault = new PersonalDataVault(connector, Clock.systemUTC());
        vault.open();
        return vault;
    }

    private static String subject() {
        return "user-" + UUID.randomUUID();
    }

    private static final StringValue SECRET = StringValue.of("ann@example.org");

    @Test
    @DisplayName("given data sealed with a subject's key, then it opens to the same data, on another instance too, "
            + "and the ciphertext does not show it")
    void sealAndOpen() throws Exception {
        PersonalDataVault vault = newVault();
        String keyId = subject();

        Sealed sealed = vault.seal(keyId, SECRET);

        assertThat(sealed.getKeyId()).isEqualTo(keyId);
        assertThat(sealed.getNonce().size()).isEqualTo(12);
        assertThat(sealed.getCiphertext().toString(StandardCharsets.ISO_8859_1)).doesNotContain("ann@example.org");
        assertThat(vault.open(sealed, StringValue.parser())).contains(SECRET);
        assertThat(newVault().open(sealed, StringValue.parser())).contains(SECRET);
        assertThat(vault.seal(keyId, SECRET).getNonce()).as("a fresh nonce each time").isNotEqualTo(sealed.getNonce());
    }

    @Test
    @DisplayName("given the key destroyed, then the data opens to empty everywhere, destroying again is fine, and the "
            + "key is gone from the bucket")
    void destroyShreds() throws Exception {
        PersonalDataVault vault = newVault();
        PersonalDataVault otherInstance = newVault();
        String keyId = subject();
        Sealed sealed = vault.seal(keyId, SECRET);

        vault.destroy(keyId);
        vault.destroy(keyId);

        assertThat(vault.open(sealed, StringValue.parser())).isEmpty();
        assertThat(otherInstance.open(sealed, StringValue.parser())).as("an instance that never cached the key")
                .isEmpty();
        assertThat(vault.hasKey(keyId)).isFalse();
        assertThat(connectors.getFirst().connection().keyValue(namespace + "_" + Buckets.PERSONAL_DATA_KEYS)
                .get(keyId)).isNull();
    }

    @Test
    @DisplayName("given a key cached by another instance, when one instance destroys it, then the other cannot open "
            + "the data within a second, long before its cache time, and a key destroyed while it is being read is "
            + "not cached")
    void destroyEvictsEveryInstancesCache() throws Exception {
        PersonalDataVault destroyer = newVault();
        PersonalDataVault otherInstance = newVault();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String keyId = subject();
            Sealed sealed = destroyer.seal(keyId, SECRET);
            assertThat(otherInstance.open(sealed, StringValue.parser())).as("opened, so cached").contains(SECRET);

            long destroyedAt = System.nanoTime();
            destroyer.destroy(keyId);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1))
                    .until(() -> otherInstance.open(sealed, StringValue.parser()).isEmpty());
            millis.add((System.nanoTime() - destroyedAt) / 1_000_000);
        }
        assertThat(PersonalDataVault.cacheTime()).isGreaterThan(Duration.ofSeconds(1));
        millis.sort(null);
        System.out.printf("another instance's cache dropped a destroyed key after %d ms (median), %d ms (max)%n",
                millis.get(millis.size() / 2), millis.getLast());
    }

    @Test
    @DisplayName("given a key destroyed by someone who is not a vault (the nats CLI), then every vault's cache drops it")
    void purgeFromOutsideEvicts() throws Exception {
        PersonalDataVault vault = newVault();
        String keyId = subject();
        Sealed sealed = vault.seal(keyId, SECRET);
        assertThat(vault.open(sealed, StringValue.parser())).contains(SECRET);

        connectors.getFirst().connection().keyValue(namespace + "_" + Buckets.PERSONAL_DATA_KEYS).delete(keyId);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1))
                .until(() -> vault.open(sealed, StringValue.parser()).isEmpty());
    }

    @Test
    @DisplayName("given data sealed with one key, then opening it as another subject's, or tampered, gives empty")
    void wrongKeyOrTamperedIsEmpty() throws Exception {
        PersonalDataVault vault = newVault();
        String ann = subject();
        String bob = subject();
        Sealed sealed = vault.seal(ann, SECRET);
        vault.seal(bob, SECRET);

        Sealed asBob = sealed.toBuilder().setKeyId(bob).build();
        byte[] flipped = sealed.getCiphertext().toByteArray();
        flipped[0] ^= 1;
        Sealed tampered = sealed.toBuilder().setCiphertext(ByteString.copyFrom(flipped)).build();

        assertThat(vault.open(asBob, StringValue.parser())).isEmpty();
        assertThat(vault.open(tampered, StringValue.parser())).isEmpty();
        assertThat(vault.open(sealed.toBuilder().setKeyId("user-" + UUID.randomUUID()).build(), StringValue.parser()))
                .as("a key that never existed").isEmpty();
        assertThat(vault.open(Sealed.getDefaultInstance(), StringValue.parser())).isEmpty();
        assertThat(vault.open(sealed, StringValue.parser())).contains(SECRET);
    }

    private static KeyValue bucket() throws Exception {
        return connectors.getFirst().connection().keyValue(namespace + "_" + Buckets.PERSONAL_DATA_KEYS);
    }

    @Test
    @DisplayName("given a subject's key that another instance created, when sealing for it as a new subject, then "
            + "the create finds the key there and the existing key seals the data, and no second key is written")
    void sealForNewSubjectUsesAnExistingKey() throws Exception {
        PersonalDataVault first = newVault();
        PersonalDataVault retrying = newVault();
        String keyId = subject();
        Sealed before = first.seal(keyId, SECRET);

        Sealed sealed = retrying.sealForNewSubject(keyId, SECRET);

        assertThat(first.open(sealed, StringValue.parser())).as("opened with the first instance's key")
                .contains(SECRET);
        assertThat(newVault().open(sealed, StringValue.parser())).contains(SECRET);
        assertThat(retrying.open(before, StringValue.parser())).contains(SECRET);
        assertThat(bucket().history(keyId)).as("writes of the key").hasSize(1);
    }

    @Test
    @DisplayName("given a key created for a new subject, then it opens on another instance, and once another "
            + "instance destroys it every cache drops it; sealing for the id anew makes a new key that does not open "
            + "what the destroyed one sealed")
    void sealForNewSubjectCreatesCachesAndForgets() throws Exception {
        PersonalDataVault vault = newVault();
        PersonalDataVault destroyer = newVault();
        String keyId = subject();

        Sealed sealed = vault.sealForNewSubject(keyId, SECRET);
        assertThat(destroyer.open(sealed, StringValue.parser())).contains(SECRET);
        assertThat(bucket().history(keyId)).hasSize(1);
        destroyer.destroy(keyId);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1))
                .until(() -> vault.open(sealed, StringValue.parser()).isEmpty());
        Sealed again = vault.sealForNewSubject(keyId, SECRET);
        assertThat(destroyer.open(again, StringValue.parser())).contains(SECRET);
        assertThat(vault.open(sealed, StringValue.parser())).as("what the destroyed key sealed").isEmpty();
        assertThat(destroyer.open(sealed, StringValue.parser())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seal", "sealForNewSubject"})
    @DisplayName("given many instances sealing for a new subject at once, then one key is created and every "
            + "instance's sealed data opens with it")
    void concurrentCreateMakesOneKey(String method) throws Exception {
        List<PersonalDataVault> vaults = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            vaults.add(newVault());
        }
        String keyId = subject();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Sealed>> seals = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PersonalDataVault vault : vaults) {
                seals.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return method.equals("seal") ? vault.seal(keyId, SECRET)
                            : vault.sealForNewSubject(keyId, SECRET);
                }, threads));
            }
            go.countDown();
        }

        PersonalDataVault reader = newVault();
        Set<String> opened = new HashSet<>();
        for (CompletableFuture<Sealed> seal : seals) {
            opened.add(reader.open(seal.join(), StringValue.parser()).orElseThrow().getValue());
        }
        assertThat(opened).containsExactly("ann@example.org");
        assertThat(bucket().history(keyId)).as("writes of the key").hasSize(1);
    }
}
