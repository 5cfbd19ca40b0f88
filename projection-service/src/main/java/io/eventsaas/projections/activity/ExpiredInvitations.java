package io.eventsaas.projections.activity;

import io.eventsaas.platform.projection.ProjectionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An invitation that expires changes no event, yet its invitee's address must leave the activity feed: every
 * instance looks at the clock at an interval and re-renders the chunks naming invitations that expired since it last
 * looked. The first look after start covers every expiry ever (an instance that was down missed some); writing a
 * view that says the same again is skipped by the bucket, so several instances doing it change nothing twice.
 */
public final class ExpiredInvitations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiredInvitations.class);

    private final ActivityProjection activity;
    private final ProjectionRunner runner;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("expired-invitations").daemon().factory());
    private Instant lookedAt = Instant.EPOCH;

    public ExpiredInvitations(ActivityProjection activity, ProjectionRunner runner, Clock clock, Duration interval) {
        this.activity = activity;
        this.runner = runner;
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::lookSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Re-renders what expired since the last look; nothing before the read model has caught up (law 6). */
    public synchronized int look() {
        if (!runner.isCaughtUp()) {
            return 0;
        }
        Instant now = clock.instant();
        int published = activity.rerenderExpiredInvitations(lookedAt, now);
        lookedAt = now;
        return published;
    }

    private void lookSafely() {
        try {
            int published = look();
            if (published > 0) {
                log.info("Re-rendered {} activity views naming invitations that expired", published);
            }
        } catch (RuntimeException e) {
            log.warn("Looking for expired invitations failed; trying again at the next interval", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
