package io.eventsaas.users.registration;

import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.Appended;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.credentials.PasswordHasher;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.PersonalOrganization;
import io.eventsaas.users.domain.User;
import io.eventsaas.users.domain.UserCommand.RegisterUser;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.registration.ClaimDecision.Proceed;
import io.eventsaas.users.registration.ClaimDecision.Refuse;
import io.eventsaas.users.registration.ClaimDecision.TakeOver;
import io.eventsaas.users.store.RegistrationRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registers a user: validate, claim the address, hash, append {@code UserRegistered}, wait until the read model
 * shows it. Every step is safe to repeat, so a caller that retries with the same command id (after a timeout,
 * a lost reply, a crashed instance) gets the same user and never a second one.
 */
@Component
public class RegisterUserHandler {

    static final String EMAIL_TAKEN = "email already registered";
    private static final Logger log = LoggerFactory.getLogger(RegisterUserHandler.class);

    private final PasswordHasher hasher;
    private final EmailClaims claims;
    private final PastRegistrations pastRegistrations;
    private final EventStore eventStore;
    private final DomainEventCodec codec;
    private final RegistrationVisibility visibility;
    private final Clock clock;
    private final Duration claimStaleAfter;

    RegisterUserHandler(PasswordHasher hasher, EmailClaims claims, PastRegistrations pastRegistrations,
            EventStore eventStore, DomainEventCodec codec, RegistrationVisibility visibility, Clock clock,
            RegistrationSettings settings) {
        this.hasher = hasher;
        this.claims = claims;
        this.pastRegistrations = pastRegistrations;
        this.eventStore = eventStore;
        this.codec = codec;
        this.visibility = visibility;
        this.clock = clock;
        this.claimStaleAfter = settings.emailClaimStaleAfter();
    }

    /**
     * @throws RpcException 400 for invalid input (nothing claimed or appended), 409 when the address belongs to
     *                      someone else
     */
    public Registration register(RegistrationRequest request, String correlationId) {
        ValidRegistration valid = RegistrationValidator.validate(request);
        // Claim before hashing: a registration of a taken address is refused without spending tens of
        // milliseconds of CPU and 12 MiB on a hash. The longer window between claim and append costs nothing: a
        // claim left behind by a crash is taken over after the stale period, and a retry of the same command goes
        // on with it.
        UUID userId = claimAddress(valid);
        PasswordHash passwordHash = hasher.hash(valid.password());
        long sequence = appendUserRegistered(valid, userId, passwordHash, correlationId);
        UUID organizationId = PersonalOrganization.idFor(userId);
        visibility.await(sequence, organizationId);
        return new Registration(userId, organizationId);
    }

    /** The user id this registration goes on with: a new one, or the one a retried command claimed before. */
    private UUID claimAddress(ValidRegistration valid) {
        EmailClaim mine = new EmailClaim(UUID.randomUUID(), valid.commandId(), clock.instant());
        Optional<EmailClaim.Held> held = claims.claim(valid.email(), mine);
        if (held.isEmpty()) {
            return mine.userId();
        }
        EmailClaim claim = held.get().claim();
        Optional<String> registeredBy = pastRegistrations.of(claim.userId()).map(RegistrationRecord::commandId);
        return switch (ClaimDecision.about(claim, valid.commandId(), registeredBy, clock.instant(), claimStaleAfter)) {
            case Proceed proceed -> proceed.userId();
            case Refuse refuse -> throw RpcException.conflict(EMAIL_TAKEN);
            case TakeOver takeOver -> {
                log.info("Taking over the stale e-mail claim of command {} for user {} (claimed at {})",
                        claim.commandId(), claim.userId(), claim.claimedAt());
                EmailClaim renewed = new EmailClaim(takeOver.userId(), valid.commandId(), clock.instant());
                if (!claims.replace(valid.email(), renewed, held.get().revision())) {
                    throw RpcException.conflict(EMAIL_TAKEN);
                }
                yield takeOver.userId();
            }
        };
    }

    /** The stream sequence of this command's {@code UserRegistered}, appended now or by an earlier attempt. */
    private long appendUserRegistered(ValidRegistration valid, UUID userId, PasswordHash passwordHash,
            String correlationId) {
        var events = User.decide(User.initial(),
                new RegisterUser(userId, valid.email(), valid.displayName(), passwordHash));
        Append append = new Append(Streams.USER, userId.toString(), 0, "register-user:" + valid.commandId(),
                correlationId, valid.commandId(), events.stream().map(codec::encode).toList());
        try {
            Appended appended = eventStore.append(append);
            if (!appended.duplicate()) {
                return appended.sequence();
            }
            // Seen this message id before: this command's earlier attempt, unless the caller reused the command
            // id for a registration with other data (then our fresh user id has no events).
            return registeredByThisCommand(userId, valid.commandId())
                    .orElseThrow(() -> RpcException.conflict("command id " + valid.commandId()
                            + " was already used for another registration"));
        } catch (AppendConflictException e) {
            // The user exists: registered by this command once before (a retry after the duplicate window), or
            // by the rival that took over a stale claim for the same user id.
            return registeredByThisCommand(userId, valid.commandId())
                    .orElseThrow(() -> RpcException.conflict(EMAIL_TAKEN));
        }
    }

    private Optional<Long> registeredByThisCommand(UUID userId, String commandId) {
        return pastRegistrations.of(userId)
                .filter(registration -> registration.commandId().equals(commandId))
                .map(RegistrationRecord::streamSequence);
    }
}
