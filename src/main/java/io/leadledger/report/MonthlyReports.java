package io.leadledger.report;

import io.leadledger.jobs.ReportsDefinition;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The {@link MonthlyReport} beans by id. */
@Component
public class MonthlyReports {

    private final Map<String, MonthlyReport> byId = new LinkedHashMap<>();

    public MonthlyReports(List<MonthlyReport> reports) {
        for (MonthlyReport r : reports) {
            if (byId.put(r.id(), r) != null) {
                throw new IllegalStateException("two reports with the id '" + r.id() + "'");
            }
        }
        // monthly-reports.yml is checked before any bean exists: its list of ids must name exactly these reports
        if (!new TreeSet<>(byId.keySet()).equals(new TreeSet<>(ReportsDefinition.KNOWN_REPORTS))) {
            throw new IllegalStateException("report beans " + byId.keySet() + " do not match the ids monthly-reports.yml accepts "
                    + ReportsDefinition.KNOWN_REPORTS);
        }
    }

    public MonthlyReport get(String id) {
        MonthlyReport r = byId.get(id);
        if (r == null) {
            throw new IllegalArgumentException("unknown report '" + id + "'");
        }
        return r;
    }

    /** The reports of these ids, without repeats, the one reading the most rows first (unknown ids fail). */
    public List<MonthlyReport> startOrder(List<String> ids) {
        List<MonthlyReport> order = new ArrayList<>();
        for (String id : ids.stream().distinct().toList()) {
            MonthlyReport r = get(id);
            if (r.readsMost()) {
                order.add(0, r);
            } else {
                order.add(r);
            }
        }
        return order;
    }
}
