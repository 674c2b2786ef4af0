package io.leadledger.deliver;

import io.leadledger.report.document.Column;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The version of a set of reports: SHA-256 of every figure they show (KPIs and table cells, not the
 * generation time), so the delivery log says which figures a recipient got and a re-run can tell
 * whether they changed since.
 */
final class FiguresVersion {

    private FiguresVersion() {
    }

    static String of(List<ReportDocument> docs) {
        StringBuilder sb = new StringBuilder();
        for (ReportDocument d : docs) {
            sb.append("report ").append(d.id()).append(' ').append(d.month()).append(' ').append(d.currency()).append('\n');
            for (Kpi k : d.kpis()) {
                sb.append("kpi ").append(k.key()).append('=').append(text(k.value())).append('|').append(text(k.previous())).append('\n');
            }
            for (ReportTable t : d.tables().values()) {
                sb.append("table ").append(t.key()).append('\n');
                for (Map<String, Object> row : t.rows()) {
                    row(sb, t.columns(), row);
                }
                if (t.totals() != null) {
                    sb.append("totals ");
                    row(sb, t.columns(), t.totals());
                }
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void row(StringBuilder sb, List<Column> columns, Map<String, Object> row) {
        for (Column c : columns) {
            sb.append(text(row.get(c.key()))).append('\t');
        }
        sb.append('\n');
    }

    /** 12.50 and 12.5 are the same figure (H2 and MariaDB may differ in scale). */
    private static String text(Object v) {
        if (v == null) {
            return "-";
        }
        return v instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : v.toString();
    }
}
