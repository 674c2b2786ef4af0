package io.leadledger.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVPrinter;

import io.leadledger.demo.GoogleAdsSimulation.CampaignDay;

/**
 * google-ads-campaigns.csv as the Google Ads UI downloads a campaign report: a title and a date-range line above the
 * header, numbers with thousands separators.
 */
final class GoogleAdsCampaignsWriter {

    static final List<String> HEADER = List.of("Day", "Campaign", "Campaign type", "Currency code", "Cost",
            "Impressions", "Clicks", "Conversions");

    private static final DateTimeFormatter RANGE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    /** @return data rows written */
    int write(Path file, DemoPeriod period, List<CampaignDay> rows) throws IOException {
        // DecimalFormat is not thread-safe: one per call
        DecimalFormat money = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        DecimalFormat count = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
        try (CSVPrinter out = DemoCsv.open(file, DemoCsv.MINIMAL_QUOTES)) {
            out.printRecord("Campaign report");
            out.printRecord(period.startDate().format(RANGE) + " - " + period.endDate().format(RANGE));
            out.printRecord(HEADER);
            for (CampaignDay row : rows) {
                out.printRecord(row.day().format(DateTimeFormatter.ISO_LOCAL_DATE), row.campaign(), "Search", "USD",
                        row.costMissing() ? "--" : money.format(row.cost()), count.format(row.impressions()),
                        count.format(row.clicks()), money.format(row.conversions()));
            }
        }
        return rows.size();
    }
}
