package io.eventsaas.billing.runs;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the billing run on a schedule in exactly one instance: every instance wakes up at the interval and tries the
 * lease; the one that holds it runs billing as of now. The lease outlives a run (its time to live is longer than the
 * interval), so the holder keeps it while it lives and another instance takes over only after it died.
 */
public final class ScheduledBillingRuns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBillingRuns.class);

    private final BillingRun run;
    private final RunLease lease;
    private final Duration interval;
    private final Clock clock;
    private volatile boolean running;
    private volatile int runs;
    private Thread thread;

    public ScheduledBillingRuns(BillingRun run, RunLease lease, Duration interval, Clock clock) {
        this.run = run;
        this.lease = lease;
        this.interval = interval;
        this.clock = clock;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("billing-runs").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                if (lease.tryAcquire()) {
                    run.run(clock.instant(), "scheduled-billing-run-" + UUID.randomUUID());
                    runs++;
                }
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Scheduled billing run failed; trying again in {}", interval, e);
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Runs this instance started on the schedule. */
    public int runs() {
        return runs;
    }

    @Override
    public synchronized void close() {
        boolean started = running;
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        if (started) {
            lease.release();
        }
    }
}
