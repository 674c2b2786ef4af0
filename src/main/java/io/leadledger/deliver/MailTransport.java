package io.leadledger.deliver;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Properties;

/** Sends one e-mail through the configured SMTP server; a failure is thrown, never swallowed. */
@Component
public class MailTransport {

    /** An unreachable server fails the attempt instead of hanging the run. */
    private static final String TIMEOUT_MS = "30000";

    private final SmtpSettings smtp;

    public MailTransport(SmtpSettings smtp) {
        this.smtp = smtp;
    }

    public boolean configured() {
        return smtp.configured();
    }

    public String describe() {
        return smtp.toString();
    }

    /** @param messageId the Message-ID header ("<...@...>"), the same for every attempt of one delivery; null: the server's */
    public record Mail(String to, String subject, String text, String html, List<Attachment> attachments, String deliveryId,
                       String messageId) {
    }

    /** A file attached by name; the content is read from the report archive or the output folder beforehand. */
    public record Attachment(String name, byte[] content) {
    }

    public void send(Mail mail) throws MessagingException, MailException {
        if (!smtp.configured()) {
            throw new IllegalStateException("no SMTP server configured (set LEADLEDGER_SMTP_HOST, see README 'Email')");
        }
        JavaMailSenderImpl sender = sender();
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper m = new MimeMessageHelper(message, true, "UTF-8");
        m.setFrom(smtp.from());
        m.setTo(mail.to());
        m.setSubject(mail.subject());
        if (mail.html() == null) {
            m.setText(mail.text(), false);
        } else {
            m.setText(mail.text(), mail.html());
        }
        for (Attachment a : mail.attachments()) {
            m.addAttachment(a.name(), new ByteArrayResource(a.content()));
        }
        if (mail.deliveryId() != null) {
            message.setHeader("X-Leadledger-Delivery", mail.deliveryId());
        }
        if (mail.messageId() != null) {
            // JavaMailSenderImpl keeps a Message-ID set here when it saves the message
            message.setHeader("Message-ID", mail.messageId());
        }
        sender.send(message);
    }

    private JavaMailSenderImpl sender() {
        JavaMailSenderImpl s = new JavaMailSenderImpl();
        s.setHost(smtp.host());
        s.setPort(smtp.port());
        s.setDefaultEncoding("UTF-8");
        Properties p = s.getJavaMailProperties();
        String proto = smtp.security().equals("tls") ? "smtps" : "smtp";
        s.setProtocol(proto);
        if (!smtp.user().isEmpty()) {
            s.setUsername(smtp.user());
            s.setPassword(smtp.password());
            p.put("mail." + proto + ".auth", "true");
        }
        if (smtp.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!smtp.security().equals("none")) {
            p.put("mail." + proto + ".ssl.checkserveridentity", "true");
        }
        p.put("mail." + proto + ".connectiontimeout", TIMEOUT_MS);
        p.put("mail." + proto + ".timeout", TIMEOUT_MS);
        p.put("mail." + proto + ".writetimeout", TIMEOUT_MS);
        return s;
    }
}
