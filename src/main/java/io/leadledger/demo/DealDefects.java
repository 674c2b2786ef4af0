package io.leadledger.demo;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.leadledger.demo.Deal.Link;

/**
 * Dirt in the Salesforce export: a handful of close dates typed with last year's year (the deal closes before its
 * lead existed: valid rows the reconciliation must flag) and about 1% of rows the importer must quarantine.
 */
final class DealDefects {

    /**
     * @param r the deals' stream, continued after {@link DealSimulation}
     * @return the number of rows made invalid (the close-date typos not counted: they still parse)
     */
    int apply(DemoWorld world, Random r) {
        List<Deal> deals = world.deals;
        ZonedDateTime start = world.period.start();
        List<Deal> typo = new ArrayList<>();
        for (Deal d : deals) {
            if (d.lead != null && d.closed && d.link != Link.MARKETO_EMAIL
                    && d.lead.firstTouch.isAfter(start.plusDays(120))
                    && d.close.minusYears(1).isBefore(d.lead.firstTouch.toLocalDate())) {
                typo.add(d);
            }
        }
        Collections.shuffle(typo, r);
        for (int i = 0; i < 5 && i < typo.size(); i++) {
            typo.get(i).close = typo.get(i).close.minusYears(1);
            typo.get(i).inconsistent = true;
        }

        List<Deal> pool = new ArrayList<>();
        for (Deal d : deals) {
            if (!d.inconsistent) {
                pool.add(d);
            }
        }
        Collections.shuffle(pool, r);
        int dirty = Math.max(4, (int) Math.round(deals.size() * 0.01));
        int dirtyRows = 0;
        boolean[] used = new boolean[pool.size()];
        for (int i = 0; i < dirty; i++) {
            int type = i % 4;
            for (int k = 0; k < pool.size(); k++) {
                Deal d = pool.get(k);
                if (used[k] || type == 2 && !d.currency.equals("USD")) {
                    continue; // "US$" is how someone typed the currency of a USD deal
                }
                used[k] = true;
                switch (type) {
                    case 0 -> d.dirtyAmount = "TBD";
                    case 1 -> d.dirtyAmount = "-5000.00";
                    case 2 -> d.dirtyCurrency = "US$";
                    default -> d.dirtyClose = d.close.getYear() + "-13-45";
                }
                dirtyRows++;
                break;
            }
        }
        return dirtyRows;
    }
}
