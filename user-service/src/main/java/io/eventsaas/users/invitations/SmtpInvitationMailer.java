package io.eventsaas.users.invitations;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Mails the accept link through an SMTP server (Mailpit in the compose file), on a virtual thread after the
 * invitation was appended: the reply does not wait for the mail server, and a mail that fails is logged and
 * counted, never retried (the inviter has the link in the answer).
 */
public final class SmtpInvitationMailer implements InvitationMailer {

    private static final Logger log = LoggerFactory.getLogger(SmtpInvitationMailer.class);

    private final JavaMailSender sender;
    private final String from;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public SmtpInvitationMailer(String host, int port, String from) {
        JavaMailSenderImpl impl = new JavaMailSenderImpl();
        impl.setHost(host);
        impl.setPort(port);
        impl.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        impl.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        impl.getJavaMailProperties().put("mail.smtp.writetimeout", "5000");
        this.sender = impl;
        this.from = from;
    }

    @Override
    public void send(String email, String organizationName, String acceptUrl, Instant expiresAt) {
        Thread.ofVirtual().name("invitation-mail").start(() -> deliver(email, organizationName, acceptUrl, expiresAt));
    }

    private void deliver(String email, String organizationName, String acceptUrl, Instant expiresAt) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(email);
        message.setSubject("You are invited to join " + organizationName);
        message.setText("""
                You have been invited to join %s on EventSaaS.

                Accept the invitation here (the link works until %s):
                %s

                If you did not expect this, ignore this mail.
                """.formatted(organizationName, expiresAt, acceptUrl));
        try {
            sender.send(message);
            sent.incrementAndGet();
        } catch (RuntimeException e) { // MailException, or a bad address the mail library refuses
            failed.incrementAndGet();
            log.warn("Could not mail an invitation to join {}: {}", organizationName, e.toString());
        }
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }
}
