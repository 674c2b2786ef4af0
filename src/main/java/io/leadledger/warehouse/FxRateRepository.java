package io.leadledger.warehouse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads reference rates in the ECB format (eurofxref-hist.csv: "Date,USD,JPY,...," with units of each
 * currency per 1 EUR, "N/A" where none was published) into fx_rate, replacing rates of the same day.
 */
@Repository
public class FxRateRepository {

    private final JdbcTemplate jdbc;

    public FxRateRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the number of rates read */
    public int loadEcbCsv(String tenant, Path file) {
        List<Object[]> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.DEFAULT).get()) {
            List<String> header = null;
            for (CSVRecord rec : p) {
                if (header == null) {
                    header = rec.toList().stream().map(String::trim).toList();
                    if (header.isEmpty() || !header.get(0).equalsIgnoreCase("Date")) {
                        throw new IllegalArgumentException(file + ": not an ECB reference-rate CSV (first column must be 'Date', found "
                                + header + ")");
                    }
                    continue;
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(rec.get(0).trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(file + " row " + rec.getRecordNumber() + " field Date: '" + rec.get(0)
                            + "' is not a yyyy-MM-dd date");
                }
                for (int i = 1; i < header.size() && i < rec.size(); i++) {
                    String ccy = header.get(i);
                    String v = rec.get(i).trim();
                    if (ccy.length() != 3 || v.isEmpty() || v.equalsIgnoreCase("N/A")) {
                        continue;
                    }
                    try {
                        rows.add(new Object[] {tenant, ccy, java.sql.Date.valueOf(date), new BigDecimal(v)});
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " row " + rec.getRecordNumber() + " field " + ccy + ": '"
                                + v + "' is not a rate");
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        jdbc.batchUpdate("""
                INSERT INTO fx_rate (tenant, currency, rate_date, per_eur) VALUES (?,?,?,?)
                ON DUPLICATE KEY UPDATE per_eur = VALUES(per_eur)""", rows);
        return rows.size();
    }
}
