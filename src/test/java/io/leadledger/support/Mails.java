package io.leadledger.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a received e-mail contains: its HTML and text bodies and its attachments by file name. */
public record Mails(String subject, String text, String html, Map<String, byte[]> attachments) {

    public static Mails read(MimeMessage m) {
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            walk(m, text, html, files);
            return new Mails(m.getSubject(), text.toString(), html.toString(), files);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(Part p, StringBuilder text, StringBuilder html, Map<String, byte[]> files) throws Exception {
        if (p.getFileName() != null) {
            try (InputStream in = p.getInputStream()) {
                files.put(p.getFileName(), in.readAllBytes());
            }
        } else if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                walk(b, text, html, files);
            }
        } else if (p.isMimeType("text/html")) {
            html.append(p.getContent());
        } else if (p.isMimeType("text/plain")) {
            text.append(p.getContent());
        }
    }

    public static String pdfText(byte[] pdf) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
