package io.eventsaas.users;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Just enough SMTP to receive mails in a test (what Mailpit does in the compose file), on a random port. */
final class FakeSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    final List<String> messages = new CopyOnWriteArrayList<>();

    FakeSmtpServer() throws Exception {
        socket = new ServerSocket(0);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (Exception e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; var in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = connection.getOutputStream()) {
            reply(out, "220 fake-smtp ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase();
                if (command.startsWith("DATA")) {
                    reply(out, "354 end with a dot");
                    StringBuilder message = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        message.append(line).append('\n');
                    }
                    messages.add(message.toString());
                    reply(out, "250 queued");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }
}
