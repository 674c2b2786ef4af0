package io.leadledger.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.leadledger.demo.GoogleAdsSimulation.CampaignDay;
import io.leadledger.demo.MarketingBudget.BudgetRow;

/**
 * Dirt in the spend files: about 1% of Google Ads rows with the cost "--", and at least two budget lines typed as
 * "n/a" (never a formula line: those are checked by the cost breakdown).
 */
final class SpendDefects {

    /**
     * @param r the Google Ads stream, continued after {@link GoogleAdsSimulation}
     * @return the number of rows made invalid
     */
    int dirtyGoogleAds(List<CampaignDay> rows, Random r) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            indexes.add(i);
        }
        Collections.shuffle(indexes, r);
        int dirty = (int) Math.round(rows.size() * 0.01);
        for (int i = 0; i < dirty; i++) {
            int k = indexes.get(i);
            rows.set(k, rows.get(k).withCostMissing());
        }
        return dirty;
    }

    /**
     * @param r the budget's stream, continued after {@link BudgetSimulation}
     * @return the number of rows made invalid
     */
    int dirtyBudget(MarketingBudget budget, Random r) {
        List<BudgetRow> rows = budget.lines();
        List<Integer> plainRows = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).formula() == null) {
                plainRows.add(i);
            }
        }
        Collections.shuffle(plainRows, r);
        int dirty = Math.max(2, (int) Math.round(rows.size() * 0.01));
        for (int i = 0; i < dirty; i++) {
            int k = plainRows.get(i);
            rows.set(k, rows.get(k).asDirty());
        }
        return dirty;
    }
}
