package io.leadledger.deliver;

import io.leadledger.jobs.TenantSettings;
import io.leadledger.report.Figures;
import io.leadledger.report.Kpi;
import io.leadledger.report.ReportDocument;
import io.leadledger.report.ReportTable;
import io.leadledger.report.ValueType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The e-mail executives get with the monthly reports: subject with tenant and month, one headline
 * figure per report with last month's value, and the top insight. The one place that decides what the
 * mail says, so a richer insight (e.g. from a report's own insights section) can replace
 * {@link #topInsight} without touching delivery.
 */
@Component
public class ReportEmail {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);
    /** The figure each report is read for first; a report without it shows its first KPI. */
    private static final Map<String, String> HEADLINE = Map.of("lead-production", "leads", "sales-performance", "winRate",
            "roi", "roi12");

    public record Message(String subject, String text, String html) {
    }

    record Headline(String report, String label, String value, String previous) {
    }

    public Message compose(TenantSettings tenant, YearMonth month, List<ReportDocument> docs, List<String> attachments,
                           boolean resend) {
        String monthName = MONTH.format(month);
        String subject = tenant.name() + ": monthly reports for " + monthName + (resend ? " (sent again)" : "");
        List<Headline> headlines = docs.stream().map(ReportEmail::headline).flatMap(Optional::stream).toList();
        Optional<String> insight = topInsight(docs);
        String ccy = tenant.reportingCurrency();

        StringBuilder text = new StringBuilder();
        text.append("Monthly reports for ").append(monthName).append(", ").append(tenant.name()).append(".\n\n");
        for (Headline h : headlines) {
            text.append("- ").append(h.label()).append(": ").append(h.value());
            if (h.previous() != null) {
                text.append(" (previous month: ").append(h.previous()).append(')');
            }
            text.append('\n');
        }
        insight.ifPresent(i -> text.append("\nTop insight: ").append(i).append('\n'));
        text.append("\nAttached: ").append(String.join(", ", attachments)).append('\n');
        text.append("Amounts in ").append(ccy).append(". Sent by Leadledger.\n");

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><body style=\"font-family:Arial,Helvetica,sans-serif;color:#222\">");
        html.append("<p>Monthly reports for <b>").append(esc(monthName)).append("</b>, ").append(esc(tenant.name())).append(".</p>");
        html.append("<table cellpadding=\"6\" style=\"border-collapse:collapse\">");
        for (Headline h : headlines) {
            html.append("<tr><td style=\"color:#555\">").append(esc(h.label())).append("</td><td style=\"font-size:18px\"><b>")
                    .append(esc(h.value())).append("</b></td><td style=\"color:#777\">")
                    .append(h.previous() == null ? "" : "previous month: " + esc(h.previous())).append("</td></tr>");
        }
        html.append("</table>");
        insight.ifPresent(i -> html.append("<p><b>Top insight:</b> ").append(esc(i)).append("</p>"));
        html.append("<p style=\"color:#777;font-size:12px\">Attached: ").append(esc(String.join(", ", attachments)))
                .append(". Amounts in ").append(esc(ccy)).append(". Sent by Leadledger.</p></body></html>");
        return new Message(subject, text.toString(), html.toString());
    }

    private static Optional<Headline> headline(ReportDocument d) {
        String key = HEADLINE.get(d.id());
        Optional<Kpi> kpi = d.kpis().stream().filter(k -> k.key().equals(key)).findFirst()
                .or(() -> d.kpis().stream().findFirst());
        return kpi.map(k -> new Headline(d.id(), k.label(), figure(k.value(), k.type(), d.currency()),
                k.previous() == null ? null : figure(k.previous(), k.type(), d.currency())));
    }

    /** For now: the sources with the best and the worst 12-month ROI, from the ROI report's "by-source" table. */
    static Optional<String> topInsight(List<ReportDocument> docs) {
        Optional<ReportDocument> roi = docs.stream().filter(d -> d.id().equals("roi")).findFirst();
        if (roi.isEmpty() || !roi.get().tables().containsKey("by-source")) {
            return Optional.empty();
        }
        ReportTable t = roi.get().table("by-source");
        String ccy = roi.get().currency();
        List<Map<String, Object>> ranked = new ArrayList<>(t.rows().stream()
                .filter(r -> r.get("roi12") instanceof BigDecimal && r.get("channel") != null).toList());
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        ranked.sort(Comparator.comparing((Map<String, Object> r) -> (BigDecimal) r.get("roi12")).reversed());
        Map<String, Object> best = ranked.get(0);
        Map<String, Object> worst = ranked.get(ranked.size() - 1);
        String b = "best 12-month ROI: " + source(best, ccy);
        if (ranked.size() == 1) {
            return Optional.of(capitalise(b) + " (the only source with spend)");
        }
        return Optional.of(capitalise(b) + "; worst: " + source(worst, ccy) + ".");
    }

    private static String source(Map<String, Object> r, String ccy) {
        return r.get("channel") + " at " + Figures.format(r.get("roi12"), ValueType.PERCENT) + " on "
                + figure(r.get("spend12"), ValueType.MONEY, ccy) + " spend";
    }

    private static String figure(Object value, ValueType type, String ccy) {
        String f = Figures.format(value, type);
        return type == ValueType.MONEY && value != null ? ccy + " " + f : f;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
