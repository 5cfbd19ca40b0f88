package io.eventsaas.platform.rpc;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A responder that speaks the NATS protocol on a bare socket, for replies jnats will not publish: a header block
 * that is a status line ({@code NATS/1.0 408 Request Timeout}), as only the NATS server itself sends. It answers the
 * first request on its subject with the given header block and no body.
 */
final class RawNatsResponder implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final CompletableFuture<Void> answered;

    /** Subscribes to {@code subject} and returns once the server has the subscription (PING answered). */
    RawNatsResponder(String natsUrl, String subject, String headerBlock) throws IOException {
        URI uri = URI.create(natsUrl.split("\\s*,\\s*")[0]);
        socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 4222 : uri.getPort());
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        readLine(); // INFO
        send("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1" + credentials(uri)
                + "}\r\nSUB " + subject + " 1\r\nPING\r\n");
        String line;
        while (!(line = readLine()).equals("PONG")) {
            if (line.startsWith("-ERR")) {
                throw new IOException("NATS refused the raw responder: " + line);
            }
        }
        answered = CompletableFuture.runAsync(() -> answerOne(headerBlock), Thread::startVirtualThread);
    }

    private static String credentials(URI uri) {
        if (uri.getUserInfo() == null) {
            return "";
        }
        String[] userAndPassword = uri.getUserInfo().split(":", 2);
        return ",\"user\":\"" + userAndPassword[0] + "\",\"pass\":\""
                + (userAndPassword.length > 1 ? userAndPassword[1] : "") + "\"";
    }

    private void answerOne(String headerBlock) {
        try {
            while (true) {
                String line = readLine();
                if (line.equals("PING")) {
                    send("PONG\r\n");
                    continue;
                }
                // MSG <subject> <sid> <reply> <size> | HMSG <subject> <sid> <reply> <header size> <total size>
                String[] parts = line.split(" ");
                if (!parts[0].equals("MSG") && !parts[0].equals("HMSG")) {
                    continue;
                }
                in.readNBytes(Integer.parseInt(parts[parts.length - 1]) + 2); // the request and its CRLF
                byte[] headers = headerBlock.getBytes(StandardCharsets.US_ASCII);
                send("HPUB " + parts[3] + " " + headers.length + " " + headers.length + "\r\n" + headerBlock + "\r\n");
                return;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the request was answered, so a test knows which reply its client got. */
    void awaitAnswered() throws Exception {
        answered.get(30, TimeUnit.SECONDS);
    }

    private void send(String protocol) throws IOException {
        out.write(protocol.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("NATS closed the raw responder's connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
