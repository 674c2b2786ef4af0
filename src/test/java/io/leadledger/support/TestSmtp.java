package io.leadledger.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on a fixed loopback port, so it can be stopped (an outage) and started
 * again on the same port while the application keeps its configuration.
 */
public final class TestSmtp implements AutoCloseable {

    private final int port;
    private GreenMail server;

    public TestSmtp() {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public void stop() {
        server.stop();
    }

    /** The application properties pointing Leadledger at this server. */
    public String[] args() {
        return new String[] {"--leadledger.smtp.host=127.0.0.1", "--leadledger.smtp.port=" + port,
                "--leadledger.smtp.security=none", "--leadledger.smtp.from=leadledger@ops.test"};
    }

    public List<MimeMessage> all() {
        return Arrays.asList(server.getReceivedMessages());
    }

    public List<MimeMessage> to(String address) {
        return all().stream().filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public void purge() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
