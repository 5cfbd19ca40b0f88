package io.eventsaas.platform.projection;

import io.eventsaas.platform.eventstore.EventStore;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read your writes across instances. A command's reply waits until the read model of the instance that took it shows
 * the write, but the caller's next request may reach another instance, whose read model is a few milliseconds
 * behind. So a read first brings this instance's read model up to the stream's last sequence as of now (one
 * stream-info request, and usually no wait at all): whatever was acknowledged before the request is then visible.
 *
 * <p>Authorisation needs it most: a member removed a moment ago, through another service even, must not pass a
 * check made against a read model that has not yet applied the removal. So when the read model cannot catch up in
 * time (stuck at an event, the database away), the check fails closed: the request is refused as unavailable.
 */
public final class ReadModelFreshness {

    private static final Logger log = LoggerFactory.getLogger(ReadModelFreshness.class);

    private final EventStore eventStore;
    private final ProjectionRunner readModel;
    private final Duration timeout;

    public ReadModelFreshness(EventStore eventStore, ProjectionRunner readModel, Duration timeout) {
        this.eventStore = eventStore;
        this.readModel = readModel;
        this.timeout = timeout;
    }

    /**
     * Waits (up to the timeout) until the read model has applied everything the stream holds now. When it cannot,
     * throws {@link ReadModelBehindException}: a check against older data could let through someone removed a
     * moment ago, so the request is refused as unavailable (503, retry) rather than answered.
     */
    public void catchUp() {
        try {
            awaitTail();
        } catch (TimeoutException e) {
            log.warn("Read model is still behind the stream after {}; refusing the request ({})", timeout,
                    e.getMessage());
            throw new ReadModelBehindException("the read model is catching up with the stream; retry in a moment");
        }
    }

    /**
     * The same wait, for a reply after a write that has already succeeded: when the read model is slow to show it,
     * the reply shows what the read model has rather than turning a done command into an error.
     */
    public void catchUpIfYouCan() {
        try {
            awaitTail();
        } catch (TimeoutException e) {
            log.warn("Read model is still behind the stream after {}; answering from what it has ({})", timeout,
                    e.getMessage());
        }
    }

    private void awaitTail() throws TimeoutException {
        long tail = eventStore.lastSequence();
        if (readModel.position() >= tail) {
            return;
        }
        try {
            readModel.awaitPosition(tail, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadModelBehindException("interrupted while the instance shuts down; retry");
        }
    }
}
