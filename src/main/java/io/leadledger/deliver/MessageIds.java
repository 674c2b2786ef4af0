package io.leadledger.deliver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Message-ID of a report e-mail, derived from what it is: tenant, month, recipient and figures
 * version (and the resend number, so a deliberate --resend is a new message). Every attempt of one
 * delivery carries the same id, so when a kill after the SMTP server accepted a message makes us send it
 * again (at least once), mail systems that drop duplicate Message-IDs show it once.
 */
final class MessageIds {

    private MessageIds() {
    }

    static String of(String tenant, String month, String recipient, String version, int seq) {
        String key = tenant + "\n" + month + "\n" + recipient.toLowerCase() + "\n" + version;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(h, 0, 16) + (seq > 0 ? "." + seq : "") + ".reports@leadledger>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
