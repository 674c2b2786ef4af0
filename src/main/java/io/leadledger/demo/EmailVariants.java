package io.leadledger.demo;

import java.util.Locale;
import java.util.Random;

/**
 * The same address as typed in another system: different case and/or surrounding spaces. Clean data, not dirt:
 * the importers must match these to the same person.
 */
final class EmailVariants {

    private EmailVariants() {
    }

    static String variant(String email, boolean spaces, Random r) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        String variant = switch (r.nextInt(3)) {
            case 0 -> titleCase(local) + "@" + titleCase(domain.substring(0, 1)) + domain.substring(1);
            case 1 -> email.toUpperCase(Locale.ROOT);
            default -> titleCase(local) + "@" + domain;
        };
        if (spaces && r.nextDouble() < 0.5) {
            variant = r.nextBoolean() ? "  " + variant : variant + " ";
        }
        return variant;
    }

    /** As a sales rep copies it into Salesforce: usually unchanged. */
    static String maybeVariant(String email, Random r) {
        return r.nextDouble() < 0.15 ? variant(email, false, r) : email;
    }

    /** "olivia.martin" → "Olivia.Martin". */
    private static String titleCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean startOfPart = true;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            out.append(startOfPart ? Character.toUpperCase(ch) : ch);
            startOfPart = "._-".indexOf(ch) >= 0;
        }
        return out.toString();
    }
}
