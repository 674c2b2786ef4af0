package io.leadledger.deliver;

import io.leadledger.jobs.TenantSettings;
import io.leadledger.report.Figures;
import io.leadledger.report.MonthlyReports;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ValueType;
import io.leadledger.report.insights.Insight;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The e-mail executives get with the monthly reports: subject with tenant and month, one headline
 * figure per report with last month's value, and the top insight of the reports' own insight set. The one
 * place that decides what the mail says.
 */
@Component
public class ReportEmail {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);

    private final MonthlyReports reports;

    public ReportEmail(MonthlyReports reports) {
        this.reports = reports;
    }

    public record Message(String subject, String text, String html) {
    }

    record Headline(String report, String label, String value, String previous) {
    }

    public Message compose(TenantSettings tenant, YearMonth month, List<ReportDocument> docs, List<String> attachments,
                           boolean resend) {
        String monthName = MONTH.format(month);
        String subject = tenant.name() + ": monthly reports for " + monthName + (resend ? " (sent again)" : "");
        List<Headline> headlines = docs.stream().map(this::headline).flatMap(Optional::stream).toList();
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

    /** The figure the report is read for first ({@link io.leadledger.report.MonthlyReport#headlineKpi}), else its first KPI. */
    private Optional<Headline> headline(ReportDocument d) {
        String key = reports.get(d.id()).headlineKpi();
        Optional<Kpi> kpi = d.kpis().stream().filter(k -> k.key().equals(key)).findFirst()
                .or(() -> d.kpis().stream().findFirst());
        return kpi.map(k -> new Headline(d.id(), k.label(), figure(k.value(), k.type(), d.currency()),
                k.previous() == null ? null : figure(k.previous(), k.type(), d.currency())));
    }

    /**
     * The first insight of the reports' own insight set, in the order their first page lists them (what to cut,
     * what to grow, then what changed): the mail says what the PDF says, with the same thresholds
     * ({@code insights.minSpend}) and the same figures. A "note" (why there is no recommendation) is not news.
     */
    static Optional<String> topInsight(List<ReportDocument> docs) {
        List<Insight> insights = docs.stream().map(ReportDocument::insights).filter(l -> l != null && !l.isEmpty())
                .findFirst().orElse(List.of());
        return insights.stream().filter(i -> i.subject() != null
                        && (i.kind() == Insight.Kind.CUT || i.kind() == Insight.Kind.GROW)).findFirst()
                .or(() -> insights.stream().filter(i -> i.kind() == Insight.Kind.CHANGE).findFirst())
                .map(i -> i.kind().label() + ": " + i.sentence());
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
