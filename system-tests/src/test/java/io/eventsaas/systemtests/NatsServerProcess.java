package io.eventsaas.systemtests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private nats-server process for a test that needs a server of its own (its own users and permissions, or a
 * cluster it may stop a node of), run from the local binary with a copy of one of the repository's configs.
 *
 * <p>The binary: {@code NATS_SERVER_BIN}, else {@code /usr/sbin/nats-server} (the Debian package, which
 * {@code .ci/run} installs), else {@code nats-server} on the {@code PATH}. Without one the test is skipped, except
 * in CI ({@code CI} set), where it fails.
 */
record NatsServerProcess(String name, int port, LoggedProcess process) implements AutoCloseable {

    /** The nats-server binary, or a skipped test (a failed one in CI) when there is none. */
    static String binary() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("NATS_SERVER_BIN");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("/usr/sbin/nats-server");
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(dir + File.separator + "nats-server");
            }
        }
        for (String candidate : candidates) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        String why = "no nats-server binary (set NATS_SERVER_BIN, or install it: apt-get install nats-server)";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(why + "; CI must run this test");
        }
        assumeTrue(false, why + "; skipping");
        return null;
    }

    /** The binary's version as {major, minor, patch}, e.g. {2, 9, 10}. */
    static int[] version(String binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the version of " + binary + ": " + out);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** True when the server accepts {@code jetstream { sync_interval }} (2.10 and newer). */
    static boolean supportsSyncInterval(int[] version) {
        return version[0] > 2 || (version[0] == 2 && version[1] >= 10);
    }

    /** A file of the repository (the tests run in the system-tests module directory). */
    static Path repositoryFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find " + relative + " above " + Path.of("").toAbsolutePath());
    }

    /**
     * A test copy of a repository config: its own store directory and ports, and without {@code sync_interval}
     * on servers that reject it (2.9).
     */
    static String adapt(String config, Path storeDir, int port, int httpPort, boolean syncInterval) {
        String adapted = config
                .replaceAll("(?m)^(\\s*)store_dir:.*$", "$1store_dir: \"" + Matcher.quoteReplacement(storeDir.toString()) + "\"")
                .replaceAll("(?m)^port:.*$", "port: " + port)
                .replaceAll("(?m)^http_port:.*$", "http_port: " + httpPort);
        if (!syncInterval) {
            adapted = adapted.replaceAll("(?m)^\\s*sync_interval:.*$", "");
        }
        return adapted;
    }

    /** Starts the binary with a config file and environment; returns once the client port accepts connections. */
    static NatsServerProcess start(String binary, String name, Path config, int port, Map<String, String> environment)
            throws IOException, InterruptedException {
        NatsServerProcess server = new NatsServerProcess(name, port,
                LoggedProcess.start(name, name, List.of(binary, "-c", config.toString()), environment));
        server.awaitListening(Duration.ofSeconds(30));
        return server;
    }

    private void awaitListening(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            process.requireAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(name + " not listening on " + port + " within " + timeout + "; see "
                + process.logFile());
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    String log() throws IOException {
        return process.log();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server the way an operator or a crash would (SIGKILL when {@code hard}). */
    void stop(boolean hard) throws InterruptedException {
        process.stop(hard);
    }

    @Override
    public void close() throws InterruptedException {
        stop(false);
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }
}
