package io.eventsaas.users;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.warmup.WarmUp;
import io.eventsaas.platform.warmup.WarmUpStep;
import io.eventsaas.users.credentials.PasswordHasher;
import io.eventsaas.users.invitations.ExpiredInvitationsSweep;
import io.eventsaas.users.registration.EmailClaims;
import io.eventsaas.users.sessions.Sessions;
import io.eventsaas.users.sessions.SignInLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order in which an instance gets ready (law 6): its database first, then NATS, then its read model caught up
 * with the stream, and only then the work that other instances share: the policy's durable consumer and the RPC
 * queue groups. Until the last step is done the instance reports "not ready" ({@code warmUp} in the readiness
 * group) and takes no request.
 */
@Configuration(proxyBeanMethods = false)
class WarmUpConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    WarmUp warmUp(Flyway flyway, NatsConnector connector, EventStore eventStore, EmailClaims emailClaims,
            PersonalDataVault personalData, Sessions sessions, SignInLimiter signInLimiter, PasswordHasher hasher,
            ProjectionRunner readModel, List<PolicyRunner> policies, RpcServer rpcServer,
            ExpiredInvitationsSweep expiredInvitations) {
        return new WarmUp("user-service", List.of(
                WarmUpStep.of("migrate the database", () -> flyway.migrate()),
                WarmUpStep.of("connect to NATS", () -> connector.awaitConnection(Duration.ofSeconds(10))),
                WarmUpStep.of("set up the event stream", eventStore::ensureStream),
                WarmUpStep.of("open the e-mail claims bucket", emailClaims::open),
                // Before the read model: its events' personal data is opened with the keys in this bucket.
                WarmUpStep.of("open the personal-data keys bucket", personalData::open),
                WarmUpStep.of("open the sessions bucket", sessions::open),
                WarmUpStep.of("open the sign-in attempts bucket", signInLimiter::open),
                WarmUpStep.of("prepare the dummy password hash", hasher::prepare),
                WarmUpStep.of("catch up the read model", readModel::catchUp),
                // Every durable policy (personal organisations, erased users' personal data, ...).
                WarmUpStep.of("start the policies", () -> {
                    for (PolicyRunner policy : policies) {
                        policy.start();
                    }
                }),
                WarmUpStep.of("join the RPC queue groups", rpcServer::start),
                // Per instance, over its own read model: produces no events, needs no lease.
                WarmUpStep.of("start sweeping expired invitations' addresses", expiredInvitations::start)));
    }
}
