package io.leadledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.leadledger.demo.GoogleAdsSimulation.CampaignDay;
import io.leadledger.demo.MarketingBudget.BudgetRow;
import io.leadledger.demo.RandomStreams.Concern;

/**
 * The dirtying stage on its own: it makes rows unusable only where that costs rows, never a match between the
 * systems, and leaves the simulated values it does not mean to break alone.
 */
class DemoDirtTest {

    private static final DemoPeriod PERIOD = DemoPeriod.endingWith(YearMonth.of(2026, 10), ZoneId.of("Europe/Berlin"));

    private final RandomStreams streams = new RandomStreams(42);

    private DemoWorld simulateLeadsAndDeals(Random dealStream) {
        DemoWorld world = new DemoWorld(PERIOD);
        new LeadArrivals(streams).simulate(world);
        new FunnelSimulation(streams).simulate(world);
        new LeadIds(streams).assign(world);
        new DealSimulation().simulate(world, dealStream);
        return world;
    }

    @Test
    void leadDirtStaysOffLeadsThatMatchSomething() {
        DemoWorld world = simulateLeadsAndDeals(streams.open(Concern.DEALS));
        new SpecialValues(streams).apply(world);
        int dirty = new LeadDefects(streams).apply(world);

        List<Lead> dirtied = world.leads.stream().filter(l -> l.dirtyCreateDate != null || l.dirtyEmail != null
                || l.dirtyMissingId || l.dirtyMarketoEmail != null || l.dirtyMarketoCreated != null).toList();
        assertThat(dirtied).hasSize(dirty);
        assertThat(dirtied).allSatisfy(l -> {
            assertThat(l.hasDeal).isFalse();
            assertThat(l.inHubspot && l.inMarketo).isFalse();
            assertThat(l.special).isFalse();
        });
        assertThat(world.leads.stream().filter(l -> l.special)).hasSize(SpecialValues.COUNT)
                .allSatisfy(l -> assertThat(l.hasDeal || l.inMarketo).isFalse());
        assertThat(world.leads.stream().filter(l -> l.duplicate)).isNotEmpty()
                .allSatisfy(l -> assertThat(dirtied).doesNotContain(l));
    }

    @Test
    void dealDirtBreaksOneFieldPerRowAndMovesOnlyTheTypedCloseDates() {
        Random dealStream = streams.open(Concern.DEALS);
        DemoWorld world = simulateLeadsAndDeals(dealStream);
        Map<Deal, LocalDate> cleanClose = new IdentityHashMap<>();
        world.deals.forEach(d -> cleanClose.put(d, d.close));

        int dirty = new DealDefects().apply(world, dealStream);

        assertThat(dirty).isEqualTo(Math.max(4, Math.round(world.deals.size() * 0.01)));
        for (Deal d : world.deals) {
            int broken = (d.dirtyAmount != null ? 1 : 0) + (d.dirtyCurrency != null ? 1 : 0) + (d.dirtyClose != null ? 1 : 0);
            assertThat(broken).isLessThanOrEqualTo(1);
            if (d.inconsistent) {
                assertThat(broken).isZero();
                assertThat(d.close).isEqualTo(cleanClose.get(d).minusYears(1));
                assertThat(d.close).isBefore(d.lead.firstTouch.toLocalDate());
            } else {
                assertThat(d.close).isEqualTo(cleanClose.get(d));
            }
            if (d.dirtyCurrency != null) {
                assertThat(d.currency).isEqualTo("USD");
            }
        }
        assertThat(world.deals.stream().filter(d -> d.inconsistent)).hasSize(5);
    }

    @Test
    void spendDirtBlanksCostsAndNeverAFormulaLine() {
        DemoWorld world = simulateLeadsAndDeals(streams.open(Concern.DEALS));
        Random ads = streams.open(Concern.GOOGLE_ADS);
        List<CampaignDay> days = new GoogleAdsSimulation().simulate(world, ads);
        Random budgetStream = streams.open(Concern.BUDGET);
        MarketingBudget budget = new BudgetSimulation().simulate(world, budgetStream);
        List<BudgetRow> clean = List.copyOf(budget.lines());

        SpendDefects defects = new SpendDefects();
        int dirtyAds = defects.dirtyGoogleAds(days, ads);
        int dirtyBudget = defects.dirtyBudget(budget, budgetStream);

        assertThat(days.stream().filter(CampaignDay::costMissing)).hasSize(dirtyAds);
        assertThat(dirtyAds).isEqualTo(Math.round(days.size() * 0.01));
        assertThat(budget.lines().stream().filter(BudgetRow::dirty)).hasSize(dirtyBudget);
        for (int i = 0; i < clean.size(); i++) {
            BudgetRow before = clean.get(i);
            BudgetRow after = budget.lines().get(i);
            if (after.dirty()) {
                assertThat(before.formula()).isNull();
            }
            assertThat(after.amount()).isEqualTo(before.amount()); // the sheet shows "n/a"; the figure is not changed
        }
    }
}
