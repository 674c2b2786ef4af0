package io.leadledger.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;

import io.leadledger.demo.EcbRateSimulation.DailyRates;

/** eurofxref-hist.csv in the ECB's layout: newest day first, and every line ends with a comma. */
final class EcbRatesWriter {

    static final List<String> CURRENCIES = List.of("USD", "JPY", "GBP", "CHF");

    void write(Path file, List<DailyRates> oldestFirst) throws IOException {
        try (CSVPrinter out = DemoCsv.open(file, DemoCsv.MINIMAL_QUOTES)) {
            List<String> header = new ArrayList<>();
            header.add("Date");
            header.addAll(CURRENCIES);
            header.add("");
            out.printRecord(header);
            for (int i = oldestFirst.size() - 1; i >= 0; i--) {
                DailyRates day = oldestFirst.get(i);
                List<String> row = new ArrayList<>();
                row.add(day.day().format(DateTimeFormatter.ISO_LOCAL_DATE));
                for (BigDecimal rate : day.rates()) {
                    row.add(rate.toPlainString());
                }
                row.add("");
                out.printRecord(row);
            }
        }
    }
}
