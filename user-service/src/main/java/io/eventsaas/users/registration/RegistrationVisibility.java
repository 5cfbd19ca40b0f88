package io.eventsaas.users.registration;

import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.users.store.UsersReadModel;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds the reply to a registration until the caller's next read will see it: a {@code get-user} that reaches
 * this instance finds the user, and (usually) their personal organisation, which the policy creates a moment
 * later, possibly on another instance.
 */
@Component
class RegistrationVisibility {

    private static final Logger log = LoggerFactory.getLogger(RegistrationVisibility.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ProjectionRunner readModelRunner;
    private final UsersReadModel readModel;
    private final Duration timeout;

    RegistrationVisibility(ProjectionRunner readModelRunner, UsersReadModel readModel, RegistrationSettings settings) {
        this.readModelRunner = readModelRunner;
        this.readModel = readModel;
        this.timeout = settings.visibilityTimeout();
    }

    void await(long userRegisteredSequence, UUID personalOrganizationId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            readModelRunner.awaitPosition(userRegisteredSequence, timeout);
            // The organisation comes from another event, appended by whichever instance the policy runs on.
            // Look again each time the read model moves on (or every POLL at the latest).
            while (!readModel.organizationExists(personalOrganizationId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("Personal organisation {} is not in the read model after {}; replying without waiting",
                            personalOrganizationId, timeout);
                    return;
                }
                try {
                    readModelRunner.awaitPosition(readModelRunner.position() + 1,
                            Duration.ofNanos(Math.min(left, POLL.toNanos())));
                } catch (TimeoutException stillWaiting) {
                    // look again
                }
            }
        } catch (TimeoutException e) {
            // Stored, but this instance's read model lags: a retry with the same command id will answer.
            log.warn("Registration stored at sequence {}, but the read model has not applied it: {}",
                    userRegisteredSequence, e.getMessage());
            throw new RpcException(RpcStatus.TIMEOUT,
                    "registration stored but not visible yet; retry with the same command id");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcStatus.UNAVAILABLE, "interrupted while the instance shuts down; retry");
        }
    }
}
