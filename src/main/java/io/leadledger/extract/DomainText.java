package io.leadledger.extract;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Company websites as bare domains, and lists of record ids, as CRMs write them in one cell. */
public final class DomainText {

    private static final Pattern DOMAIN = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
            + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+");

    private DomainText() {
    }

    /**
     * "https://www.Acme.com/contact?x=1" -> "acme.com"; an e-mail address gives its domain. Null when the
     * value is not a domain: a website typed as "n/a" must not stop a deal from counting.
     */
    public static String domain(String website) {
        if (website == null) {
            return null;
        }
        String s = CellText.strip(website).toLowerCase(Locale.ROOT);
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        } else if (s.startsWith("//")) {
            s = s.substring(2);
        }
        for (char end : new char[] {'/', '?', '#', ':', ' '}) {
            int i = s.indexOf(end);
            if (i >= 0) {
                s = s.substring(0, i);
            }
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("www.") && s.indexOf('.', 4) > 0) {
            s = s.substring(4);
        }
        return s.length() <= 255 && DOMAIN.matcher(s).matches() ? s : null;
    }

    /**
     * "101;102; 103;101" -> "101;102;103": ids split on ';' or ',', trimmed, first occurrence kept; cut to
     * {@code max} characters at an id boundary. Null when there is none.
     */
    public static String idList(String cell, int max) {
        if (cell == null) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : cell.split("[;,]")) {
            String t = CellText.strip(id);
            if (!t.isEmpty() && t.length() <= 128) {
                ids.add(t);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String id : ids) {
            if (b.length() + id.length() + 1 > max) {
                break;
            }
            b.append(b.length() == 0 ? "" : ";").append(id);
        }
        return b.length() == 0 ? null : b.toString();
    }
}
