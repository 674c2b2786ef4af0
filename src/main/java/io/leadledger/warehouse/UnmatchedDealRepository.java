package io.leadledger.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deals the last reconcile could not link to a lead (core_unmatched_deal) as the console's queue, and the
 * leads an analyst may link one to. Read only: a link is written through {@link LinkOverrideRepository}.
 */
@Repository
public class UnmatchedDealRepository {

    private static final int CANDIDATES_PER_KIND = 20;
    /** Words that say what kind of company, not which: left out when account names are compared. */
    private static final Pattern LEGAL_FORM = Pattern.compile(
            "\\b(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|sarl|bv|nv|srl|spa|oy|ab|as|co|corp|corporation|company)\\b\\.?");

    private final JdbcTemplate jdbc;

    public UnmatchedDealRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param override the deal's link_override lead ("-" = no lead), when it has one */
    public record Deal(String source, String id, String reason, String name, String account, String contactEmail,
                       String leadRef, String domain, String status, BigDecimal amount, String currency,
                       BigDecimal amountRpt, LocalDate closeDate, String override, String overrideOrigin) {
    }

    /** A lead the deal could belong to, and why it is offered. */
    public record Candidate(String leadKey, String email, String name, String company, LocalDateTime created,
                            String channel, List<String> why) {
    }

    private static final String DEAL_COLUMNS = """
            SELECT u.source_name, u.record_id, u.reason, d.deal_name, u.account_name, u.contact_email, u.lead_ref, u.domain,
                   d.status, d.amount, d.currency, d.amount_rpt, d.close_date, o.lead_key, o.origin
            FROM core_unmatched_deal u
            JOIN core_deal d ON d.tenant = u.tenant AND d.source_name = u.source_name AND d.record_id = u.record_id
            LEFT JOIN link_override o ON o.tenant = u.tenant AND o.source_name = u.source_name AND o.record_id = u.record_id
            """;

    private static final RowMapper<Deal> DEAL = (rs, i) -> new Deal(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
            rs.getBigDecimal(10), rs.getString(11), rs.getBigDecimal(12),
            rs.getDate(13) == null ? null : rs.getDate(13).toLocalDate(), rs.getString(14), rs.getString(15));

    /** The queue: won deals first, then open, then lost; the largest first (in the reporting currency). */
    public List<Deal> queue(String tenant, String reason, int offset, int limit) {
        List<Object> args = new ArrayList<>(List.of(tenant));
        String where = "WHERE u.tenant = ?";
        if (reason != null && !reason.isBlank()) {
            where += " AND u.reason = ?";
            args.add(reason);
        }
        args.add(limit);
        args.add(offset);
        return jdbc.query(DEAL_COLUMNS + where + """
                 ORDER BY CASE d.status WHEN 'won' THEN 1 WHEN 'open' THEN 2 ELSE 3 END, d.amount_rpt DESC,
                         u.source_name, u.record_id
                LIMIT ? OFFSET ?""", DEAL, args.toArray());
    }

    /** How many deals are unmatched, by reason. */
    public Map<String, Long> countByReason(String tenant) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.query("SELECT reason, COUNT(*) FROM core_unmatched_deal WHERE tenant = ? GROUP BY reason ORDER BY reason",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                }, tenant);
        return out;
    }

    public Optional<Deal> deal(String tenant, String source, String id) {
        return jdbc.query(DEAL_COLUMNS + "WHERE u.tenant = ? AND u.source_name = ? AND u.record_id = ?", DEAL,
                tenant, source, id).stream().findFirst();
    }

    /** Where a deal stands now (after the last reconcile): its lead and how it was linked, or none. */
    public record Link(String leadKey, String method) {
    }

    public Optional<Link> currentLink(String tenant, String source, String id) {
        return jdbc.query("SELECT lead_key, match_method FROM core_lead_deal_link WHERE tenant = ? AND source_name = ? "
                + "AND record_id = ?", (rs, i) -> new Link(rs.getString(1), rs.getString(2)), tenant, source, id)
                .stream().findFirst();
    }

    /**
     * Leads the deal may belong to: at the same domain (of the account, else of the contact's e-mail), with a
     * similar company name (the account's name without its legal form, contained in the lead's company), and with
     * the contact's name (the e-mail's local part, or first.last as the lead's first and last name). Each kind is
     * capped, so a common domain does not flood the page.
     */
    public List<Candidate> candidates(String tenant, Deal deal) {
        Map<String, Candidate> byLead = new LinkedHashMap<>();
        if (deal.domain() != null && !deal.domain().isBlank()) {
            add(byLead, "same domain " + deal.domain(), jdbc.query(CANDIDATE + """
                    FROM int_lead_domain x
                    JOIN core_lead l ON l.tenant = x.tenant AND l.lead_key = x.lead_key
                    WHERE x.tenant = ? AND x.domain = ?
                    ORDER BY l.created_at DESC, l.lead_key LIMIT ?""", CANDIDATE_ROW, tenant,
                    deal.domain().toLowerCase(Locale.ROOT), CANDIDATES_PER_KIND));
        }
        String company = companyWords(deal.account());
        if (company.length() >= 3) {
            add(byLead, "company like " + deal.account(), jdbc.query(CANDIDATE + """
                    FROM stg_lead s
                    JOIN int_lead_member m ON m.tenant = s.tenant AND m.source_name = s.source_name AND m.record_id = s.record_id
                    JOIN core_lead l ON l.tenant = m.tenant AND l.lead_key = m.lead_key
                    WHERE s.tenant = ? AND s.is_deleted = 0 AND LOWER(s.company) LIKE ? ESCAPE '!'
                    ORDER BY l.created_at DESC, l.lead_key LIMIT ?""", CANDIDATE_ROW, tenant,
                    "%" + likeEscaped(company) + "%", CANDIDATES_PER_KIND));
        }
        String email = deal.contactEmail() == null ? "" : deal.contactEmail().trim().toLowerCase(Locale.ROOT);
        int at = email.indexOf('@');
        if (at > 0) {
            String local = email.substring(0, at);
            add(byLead, "same contact name " + local, jdbc.query(CANDIDATE + """
                    FROM stg_lead s
                    JOIN int_lead_member m ON m.tenant = s.tenant AND m.source_name = s.source_name AND m.record_id = s.record_id
                    JOIN core_lead l ON l.tenant = m.tenant AND l.lead_key = m.lead_key
                    WHERE s.tenant = ? AND s.is_deleted = 0 AND s.email_norm LIKE ? ESCAPE '!'
                    ORDER BY l.created_at DESC, l.lead_key LIMIT ?""", CANDIDATE_ROW, tenant,
                    likeEscaped(local) + "@%", CANDIDATES_PER_KIND));
            String[] names = local.split("[._-]", 2);
            if (names.length == 2 && names[0].length() > 1 && names[1].length() > 1) {
                add(byLead, "contact named " + names[0] + " " + names[1], jdbc.query(CANDIDATE + """
                        FROM stg_lead s
                        JOIN int_lead_member m ON m.tenant = s.tenant AND m.source_name = s.source_name AND m.record_id = s.record_id
                        JOIN core_lead l ON l.tenant = m.tenant AND l.lead_key = m.lead_key
                        WHERE s.tenant = ? AND s.is_deleted = 0 AND LOWER(s.first_name) = ? AND LOWER(s.last_name) = ?
                        ORDER BY l.created_at DESC, l.lead_key LIMIT ?""", CANDIDATE_ROW, tenant, names[0], names[1],
                        CANDIDATES_PER_KIND));
            }
        }
        return List.copyOf(byLead.values());
    }

    /** The lead's primary record says who and where; the link rules work on the lead key. */
    private static final String CANDIDATE = """
            SELECT l.lead_key, l.email_norm, l.created_at, l.channel,
                   (SELECT MAX(CONCAT(COALESCE(p.first_name, ''), ' ', COALESCE(p.last_name, ''))) FROM stg_lead p
                     WHERE p.tenant = l.tenant AND p.source_name = l.primary_source AND p.record_id = l.primary_record_id) AS person,
                   (SELECT MAX(p.company) FROM stg_lead p
                     WHERE p.tenant = l.tenant AND p.source_name = l.primary_source AND p.record_id = l.primary_record_id) AS company
            """;

    private static final RowMapper<Candidate> CANDIDATE_ROW = (rs, i) -> new Candidate(rs.getString(1), rs.getString(2),
            rs.getString(5) == null ? "" : rs.getString(5).strip(), rs.getString(6),
            rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toLocalDateTime(), rs.getString(4), List.of());

    private static void add(Map<String, Candidate> byLead, String why, List<Candidate> found) {
        for (Candidate c : found) {
            Candidate had = byLead.get(c.leadKey());
            List<String> reasons = new ArrayList<>(had == null ? List.of() : had.why());
            if (!reasons.contains(why)) {
                reasons.add(why);
            }
            byLead.put(c.leadKey(), new Candidate(c.leadKey(), c.email(), c.name(), c.company(), c.created(), c.channel(),
                    List.copyOf(reasons)));
        }
    }

    /** "ACME Corp., Inc." -> "acme": lower case, without legal forms and punctuation at the ends. */
    static String companyWords(String account) {
        if (account == null) {
            return "";
        }
        String s = LEGAL_FORM.matcher(account.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return s.replaceAll("[\\s,.;&]+", " ").strip();
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
