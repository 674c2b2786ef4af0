package io.leadledger.warehouse;

import io.leadledger.extract.ImportLimits;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads reference rates in the ECB format (eurofxref-hist.csv: "Date,USD,JPY,...," with units of each
 * currency per 1 EUR, "N/A" where none was published) into fx_rate, replacing rates of the same day.
 * A rate of 0 or below (or above {@link ImportLimits#MAX_FX_RATE}), or a row dated outside 1900-2100, is not
 * loaded: it goes to quarantine (source "fx") and the day's stored rate is removed, so the last good rate
 * carries over instead of a division by zero in reconcile. A configured file that yields no rate at all is an
 * error, never a quiet fallback to old rates.
 */
@Repository
public class FxRateRepository {

    /** The source name rate rows are quarantined under. */
    public static final String SOURCE = "fx";

    private final JdbcTemplate jdbc;
    private final Dialect dialect;
    private final Clock clock;

    public FxRateRepository(JdbcTemplate jdbc, Dialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** What one file gave: rates loaded and rates refused (quarantined). */
    public record FxLoad(int loaded, int rejected) {
    }

    /** @return the number of rates read */
    public int loadEcbCsv(String tenant, Path file) {
        return loadEcbCsv(tenant, file, 0L).loaded();
    }

    public FxLoad loadEcbCsv(String tenant, Path file, long runId) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> refused = new ArrayList<>();
        List<Object[]> refusedDays = new ArrayList<>();
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock).withNano(0));
        String where = ImportLimits.cut(file.toString(), 1000);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.DEFAULT).get()) {
            List<String> header = null;
            for (CSVRecord rec : p) {
                if (header == null) {
                    header = rec.toList().stream().map(String::trim).toList();
                    if (header.isEmpty() || !header.get(0).equalsIgnoreCase("Date")) {
                        // the first line is not echoed: the file may be anything a glob matched
                        throw new IllegalArgumentException(file + ": not an ECB reference-rate CSV (its first column"
                                + " must be 'Date'; the first row has " + header.size() + " columns)");
                    }
                    continue;
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(rec.get(0).trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(file + " row " + rec.getRecordNumber() + " field Date: '"
                            + ImportLimits.cut(rec.get(0), 40) + "' is not a yyyy-MM-dd date");
                }
                for (int i = 1; i < header.size() && i < rec.size(); i++) {
                    String ccy = header.get(i);
                    String v = rec.get(i).trim();
                    if (ccy.length() != 3 || v.isEmpty() || v.equalsIgnoreCase("N/A")) {
                        continue;
                    }
                    BigDecimal rate;
                    try {
                        rate = new BigDecimal(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " row " + rec.getRecordNumber() + " field " + ccy + ": '"
                                + ImportLimits.cut(v, 40) + "' is not a rate");
                    }
                    String reason = !ImportLimits.inDateWindow(date) ? ImportLimits.DATE_WINDOW_REASON
                            : rate.signum() <= 0 || rate.compareTo(ImportLimits.MAX_FX_RATE) >= 0
                            ? "rate " + rate.toPlainString() + " for " + ccy + " on " + date
                            + (rate.signum() <= 0 ? "" : " is out of range") : null;
                    if (reason != null) {
                        refused.add(new Object[] {tenant, runId, SOURCE, where, rec.getRecordNumber(), ccy,
                                ImportLimits.cut(v, 1000), reason, null, now});
                        if (ImportLimits.inDateWindow(date)) {
                            refusedDays.add(new Object[] {tenant, ccy, java.sql.Date.valueOf(date)});
                        }
                        continue;
                    }
                    rows.add(new Object[] {tenant, ccy, java.sql.Date.valueOf(date),
                            rate.setScale(6, RoundingMode.HALF_UP)});
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read it as a rate CSV (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": the FX file configured as 'fx' in nightly-sync.yml gives no"
                    + " exchange rate" + (refused.isEmpty() ? "" : " (" + refused.size() + " refused, see quarantine)")
                    + "; fix the file or remove the 'fx' setting");
        }
        jdbc.batchUpdate("INSERT INTO fx_rate (tenant, currency, rate_date, per_eur) VALUES (?,?,?,?) "
                + dialect.onDuplicateKeyUpdate("per_eur"), rows);
        jdbc.batchUpdate("DELETE FROM fx_rate WHERE tenant = ? AND currency = ? AND rate_date = ?", refusedDays);
        jdbc.update("DELETE FROM fx_rate WHERE tenant = ? AND per_eur <= 0", tenant); // left by earlier versions
        jdbc.batchUpdate("""
                INSERT INTO quarantine (tenant, run_id, source_name, source_file, row_num, field_name, raw_value, reason,
                  raw_row, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)""", refused);
        return new FxLoad(rows.size(), refused.size());
    }

    /**
     * For each currency with rates, the largest factor to {@code reporting} its rates allow (the reporting
     * currency's highest rate over the currency's lowest): an amount times it bounds its converted value.
     */
    public Map<String, BigDecimal> maxFactorsTo(String tenant, String reporting) {
        Map<String, BigDecimal[]> minMax = new HashMap<>();
        jdbc.query("SELECT currency, MIN(per_eur), MAX(per_eur) FROM fx_rate WHERE tenant = ? AND per_eur > 0"
                + " GROUP BY currency", rs -> {
            minMax.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
        }, tenant);
        minMax.put("EUR", new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE});
        BigDecimal[] to = minMax.get(reporting);
        Map<String, BigDecimal> out = new HashMap<>();
        if (to == null) {
            return out;
        }
        minMax.forEach((ccy, mm) -> out.put(ccy, ccy.equals(reporting) ? BigDecimal.ONE
                : to[1].divide(mm[0], 10, RoundingMode.UP)));
        return out;
    }
}
