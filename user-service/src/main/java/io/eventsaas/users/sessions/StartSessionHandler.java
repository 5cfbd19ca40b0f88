package io.eventsaas.users.sessions;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.users.credentials.PasswordHasher;
import io.eventsaas.users.domain.EmailAddress;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.store.Account;
import io.eventsaas.users.store.Accounts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Signs a user in: the address normalised (case and surrounding spaces do not matter), the lock checked, the
 * password verified with Argon2id, a session started. A wrong password and an unknown address get the same 401,
 * after the same work: an unknown address is verified against a dummy hash. Every failure counts towards the
 * address's lock, on every instance.
 */
@Component
public class StartSessionHandler {

    static final String WRONG_CREDENTIALS = "wrong e-mail address or password";
    static final int MAX_PASSWORD_LENGTH = 1024;

    private final SignInLimiter limiter;
    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final Function<String, Optional<UUID>> claimedBy;

    /**
     * @param claimedBy who claimed a normalised e-mail address: the user a read model that lags a registration
     *                  made on another instance does not know yet
     */
    StartSessionHandler(SignInLimiter limiter, Accounts accounts, PasswordHasher hasher, Sessions sessions,
            EmailOwners claimedBy) {
        this.limiter = limiter;
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
        this.claimedBy = claimedBy::ownerOf;
    }

    /**
     * @throws RpcException 400 for a missing e-mail address or password, 401 for wrong credentials, 429 while the
     *                      address is locked
     */
    public SessionGrant signIn(String email, String password, String userAgent) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (email == null || email.isBlank()) {
            errors.put("email", "E-mail address is required");
        }
        if (password == null || password.isEmpty()) {
            errors.put("password", "Password is required");
        } else if (password.length() > MAX_PASSWORD_LENGTH) {
            errors.put("password", "Password must be at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (!errors.isEmpty()) {
            throw RpcException.invalid(errors);
        }
        String address = EmailAddress.normalise(email);
        limiter.checkNotLocked(address);
        Optional<Account> account = accountOf(address);
        PasswordHash hash = account.map(Account::passwordHash).map(PasswordHash::new).orElse(null);
        if (!hasher.verify(password, hash)) {
            Optional<java.time.Instant> locked = limiter.recordFailure(address);
            if (locked.isPresent()) {
                throw limiter.tooMany(locked.get());
            }
            throw RpcException.unauthorized(WRONG_CREDENTIALS);
        }
        limiter.recordSuccess(address);
        return sessions.start(account.get(), userAgent);
    }

    /** A living account with this address: from the read model, or, when it lags, through the address's claim. */
    private Optional<Account> accountOf(String address) {
        Optional<Account> account = accounts.byEmail(address);
        if (account.isEmpty()) {
            account = claimedBy.apply(address).flatMap(accounts::known)
                    .filter(candidate -> address.equals(candidate.email()));
        }
        return account.filter(candidate -> !candidate.erased() && candidate.passwordHash() != null);
    }

    /** Who holds the claim on an e-mail address (registration's claims, seen from here). */
    public interface EmailOwners {
        Optional<UUID> ownerOf(String normalisedEmail);
    }
}
