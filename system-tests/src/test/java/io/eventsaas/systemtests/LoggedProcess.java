package io.eventsaas.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process a system test runs (a service's jar, a nats-server) with all its output in
 * {@code target/system-tests/<logName>.log}, where a failing test points to.
 */
record LoggedProcess(String name, Path logFile, Process process) {

    static LoggedProcess start(String name, String logName, List<String> command, Map<String, String> environment)
            throws IOException {
        Path log = Path.of("target", "system-tests", logName + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new LoggedProcess(name, log, builder.start());
    }

    /** For a test waiting for the process to come up: fails at once, pointing at the log, if it has exited. */
    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            List<String> lines = Files.readAllLines(logFile);
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile
                    + ", which ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30),
                            lines.size())));
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the process has logged so far. */
    String log() throws IOException {
        return Files.readString(logFile);
    }

    /** Stops the process the way an operator (SIGTERM) or a crash (SIGKILL when {@code hard}) would. */
    void stop(boolean hard) throws InterruptedException {
        if (hard) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
