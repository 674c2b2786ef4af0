package io.leadledger.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/** The CSV dialects of the exports: UTF-8 without BOM, CRLF line ends as the source systems write them. */
final class DemoCsv {

    static final CSVFormat MINIMAL_QUOTES = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();
    /** Salesforce report exports quote every field. */
    static final CSVFormat ALL_QUOTED = MINIMAL_QUOTES.builder().setQuoteMode(QuoteMode.ALL).get();

    private DemoCsv() {
    }

    static CSVPrinter open(Path file, CSVFormat format) throws IOException {
        return new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), format);
    }
}
