package io.leadledger.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * When two e-mail addresses are the same person, and which domains say nothing about a company (the
 * {@code identity:} section of jobs/leadledger.yml). Applied by the reconcile step on every run, in SQL, so a
 * changed rule applies the next night without re-importing anything.
 *
 * @param stripPlusTags     jane+webinar@acme.com is jane@acme.com (default true)
 * @param ignoreDotsInGmail j.ane@gmail.com is jane@gmail.com, and googlemail.com is gmail.com (default false):
 *                          only Gmail ignores dots, other providers do not
 * @param domainAliases     e-mail domain -> the domain it stands for (acme.co.uk: acme.com); one step, no chains
 * @param freeMailDomains   added to the built-in list of free-mail domains, which never match a deal by domain;
 *                          "name.*" covers every top-level domain (yahoo.* = yahoo.com, yahoo.co.uk, ...)
 */
public record IdentitySettings(Boolean stripPlusTags, Boolean ignoreDotsInGmail, Map<String, String> domainAliases,
                               List<String> freeMailDomains) {

    public static final IdentitySettings DEFAULTS = new IdentitySettings(null, null, null, null);

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");
    private static final Pattern FREE_MAIL = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?:\\.\\*)?");

    public IdentitySettings {
        stripPlusTags = stripPlusTags == null || stripPlusTags;
        ignoreDotsInGmail = ignoreDotsInGmail != null && ignoreDotsInGmail;
        Map<String, String> aliases = new LinkedHashMap<>();
        if (domainAliases != null) {
            for (Map.Entry<String, String> e : domainAliases.entrySet()) {
                String from = domain(e.getKey(), "domainAliases");
                String to = domain(e.getValue(), "domainAliases");
                if (from.equals(to)) {
                    throw new IllegalArgumentException("domainAliases: " + from + " is mapped to itself");
                }
                aliases.put(from, to);
            }
            for (Map.Entry<String, String> e : aliases.entrySet()) {
                // one step only: the SQL looks an address's domain up once
                if (aliases.containsKey(e.getValue())) {
                    throw new IllegalArgumentException("domainAliases: " + e.getKey() + " -> " + e.getValue() + ", but "
                            + e.getValue() + " is itself an alias (of " + aliases.get(e.getValue())
                            + "): map every domain straight to the one it stands for");
                }
            }
        }
        domainAliases = Map.copyOf(aliases);
        List<String> free = new ArrayList<>();
        if (freeMailDomains != null) {
            for (String d : freeMailDomains) {
                String v = d == null ? "" : d.trim().toLowerCase(Locale.ROOT);
                if (!FREE_MAIL.matcher(v).matches()) {
                    throw new IllegalArgumentException("freeMailDomains: '" + d + "' is not a domain (example.com) or a"
                            + " name with any top-level domain (example.*)");
                }
                free.add(v);
            }
        }
        freeMailDomains = List.copyOf(free);
    }

    private static String domain(String v, String what) {
        String d = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(d).matches()) {
            throw new IllegalArgumentException(what + ": '" + v + "' is not a domain name (like acme.com)");
        }
        return d;
    }
}
