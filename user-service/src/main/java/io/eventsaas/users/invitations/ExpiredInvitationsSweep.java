package io.eventsaas.users.invitations;

import io.eventsaas.users.store.ExpiredInvitations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shreds the address of an invitation that simply expired, as accepting or revoking one does: destroys its key
 * ({@link InviteeKeys}), then forgets the address in this instance's read model. Expiry is a rule of time, not an
 * event, so nothing else would ever do it.
 *
 * <p>Every instance runs it over its own read model, every {@link ExpiredInvitationSettings#addressSweepInterval()},
 * without a lease: it appends no event (law 4 holds: nothing is produced), destroying a key is idempotent, and each
 * instance must forget the address in its own database anyway. The first instance to get there destroys the key;
 * the others purge an absent key (harmless) and clean their rows.
 */
@Component
public final class ExpiredInvitationsSweep implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiredInvitationsSweep.class);
    private static final int BATCH = 200;

    private final ExpiredInvitations invitations;
    private final InviteeKeys keys;
    private final Duration interval;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    ExpiredInvitationsSweep(ExpiredInvitations invitations, InviteeKeys keys, ExpiredInvitationSettings settings,
            Clock clock) {
        this.invitations = invitations;
        this.keys = keys;
        this.interval = settings.addressSweepInterval();
        this.clock = clock;
    }

    /** Sweeps now and then every interval, on a thread of its own (a warm-up step, after the read model). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("expired-invitations-sweep").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("Sweeping expired invitations failed; trying again in {}", interval, e);
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Shreds every expired invitation's address this read model still shows; returns how many. */
    int sweep() {
        Instant now = clock.instant();
        int shredded = 0;
        List<UUID> expired;
        do {
            expired = invitations.stillShowingAnAddress(now, BATCH);
            for (UUID invitationId : expired) {
                keys.destroy(invitationId); // first: a crash before the next line leaves the row for the next sweep
                invitations.forgetAddress(invitationId, now);
                shredded++;
            }
        } while (expired.size() == BATCH && running);
        if (shredded > 0) {
            log.info("Shredded the invitee's address of {} expired invitation(s)", shredded);
        }
        return shredded;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
