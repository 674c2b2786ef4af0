package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionSettings;
import io.leadledger.jobs.AttributionSettings.UShapedWeights;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every model on small paths whose credits are worked out by hand, to the cent. */
class AttributionModelsTest {

    static Touch touch(String at, String channel, boolean leadRecord) {
        return new Touch(LocalDateTime.parse(at), channel, channel + " campaign", "src", at, leadRecord);
    }

    static Touch lead(String at, String channel) {
        return touch(at, channel, true);
    }

    static Deal deal(String amount, String createdAt, String closeDate) {
        return new Deal("crm", "D1", "lead", "won", new BigDecimal(amount),
                createdAt == null ? null : LocalDateTime.parse(createdAt), LocalDate.parse(closeDate));
    }

    /** "channel=amount" per credited touch, in path order. */
    static List<String> credits(AttributionModel model, DealPath path) {
        List<String> out = new ArrayList<>();
        for (Credit c : CreditSplit.split(path.deal().amountRpt(), model.weights(path))) {
            out.add((c.touch() + 1) + ":" + path.touches().get(c.touch()).channel() + "=" + c.amount().toPlainString());
        }
        return out;
    }

    static final List<Touch> THREE = List.of(
            lead("2026-01-18T09:00", "Paid search"),   // 21 days before the close
            lead("2026-01-25T10:00", "Webinar"),       // 14 days; last touch before the opportunity (Jan 28)
            lead("2026-02-01T11:00", "Email"),         //  7 days
            lead("2026-03-01T08:00", "Paid search"));  // after the close: never counts

    static final DealPath THOUSAND = DealPath.of(deal("1000.00", "2026-01-28T10:00", "2026-02-08"), THREE);

    @Test
    void aPathHoldsTheTouchesUpToTheCloseDayWithItsMilestones() {
        assertThat(THOUSAND.size()).isEqualTo(3);
        assertThat(THOUSAND.index(Milestone.FIRST_TOUCH)).isZero();
        assertThat(THOUSAND.index(Milestone.LEAD_CREATION)).as("every touch is a lead record: the first one created the lead").isZero();
        assertThat(THOUSAND.index(Milestone.OPPORTUNITY_CREATION)).isEqualTo(1);
        assertThat(THOUSAND.index(Milestone.CLOSED_WON)).isEqualTo(2);
        // a touch at 23:59 on the close date counts
        DealPath sameDay = DealPath.of(deal("1.00", null, "2026-02-01"), List.of(lead("2026-01-18T09:00", "A"),
                lead("2026-02-01T23:59", "B"), lead("2026-02-02T00:00", "C")));
        assertThat(sameDay.size()).isEqualTo(2);
        assertThat(sameDay.index(Milestone.OPPORTUNITY_CREATION)).as("no creation time: the close date").isEqualTo(1);
    }

    @Test
    void singleTouchModelsOnAThousand() {
        assertThat(credits(new FirstTouch(), THOUSAND)).containsExactly("1:Paid search=1000.00");
        assertThat(credits(new LastTouch(), THOUSAND)).containsExactly("3:Email=1000.00");
    }

    @Test
    void linearLeavesTheOddCentOnTheEarliestTouch() {
        assertThat(credits(new Linear(), THOUSAND)).containsExactly("1:Paid search=333.34", "2:Webinar=333.33", "3:Email=333.33");
        DealPath hundred = DealPath.of(deal("100.00", "2026-01-28T10:00", "2026-02-08"), THREE);
        assertThat(credits(new Linear(), hundred)).containsExactly("1:Paid search=33.34", "2:Webinar=33.33", "3:Email=33.33");
    }

    @Test
    void positionBasedModelsWhenFirstTouchAndLeadCreationCoincide() {
        // U: first touch + lead creation = 0.8 on touch 1, nothing between them: touch 1 takes all
        assertThat(credits(PositionBased.uShaped(UShapedWeights.CLASSIC), THOUSAND)).containsExactly("1:Paid search=1000.00");
        // W: 0.6 on touch 1, 0.3 on the opportunity touch 2, none between: 2/3 and 1/3; touch 3 is after the last milestone
        assertThat(credits(PositionBased.wShaped(), THOUSAND)).containsExactly("1:Paid search=666.67", "2:Webinar=333.33");
        // full path: 0.45 / 0.225 / 0.225, none between: 1/2, 1/4, 1/4
        assertThat(credits(PositionBased.fullPath(), THOUSAND))
                .containsExactly("1:Paid search=500.00", "2:Webinar=250.00", "3:Email=250.00");
    }

    @Test
    void positionBasedModelsWithTouchesBetweenTheMilestones() {
        // opportunity created Jan 17: touch 3 is the opportunity touch, touch 2 lies between, touch 4 is the close touch
        DealPath path = DealPath.of(deal("100.00", "2026-01-17T12:00", "2026-02-06"), List.of(
                lead("2026-01-02T09:00", "Paid search"), lead("2026-01-09T09:00", "Email"),
                lead("2026-01-16T09:00", "Webinar"), lead("2026-01-30T09:00", "Email")));
        // W: 0.6 / 0.1 / 0.3 / 0
        assertThat(credits(PositionBased.wShaped(), path))
                .containsExactly("1:Paid search=60.00", "2:Email=10.00", "3:Webinar=30.00");
        // full path: 0.45 / 0.1 / 0.225 / 0.225
        assertThat(credits(PositionBased.fullPath(), path))
                .containsExactly("1:Paid search=45.00", "2:Email=10.00", "3:Webinar=22.50", "4:Email=22.50");
    }

    @Test
    void positionBasedModelsWhenCampaignTouchesPrecedeTheLeadRecord() {
        // two campaign touches, then the lead record (lead creation), then one more touch; opportunity Feb 1
        DealPath path = DealPath.of(deal("1000.00", "2026-02-01T12:00", "2026-02-06"), List.of(
                touch("2026-01-02T09:00", "Webinar", false), touch("2026-01-09T09:00", "Email", false),
                lead("2026-01-16T09:00", "Paid search"), lead("2026-01-30T09:00", "Email")));
        assertThat(path.index(Milestone.LEAD_CREATION)).isEqualTo(2);
        // U 0.4 / 0.2 / 0.4 on first, between, lead creation; touch 4 comes after the lead existed
        assertThat(credits(PositionBased.uShaped(UShapedWeights.CLASSIC), path))
                .containsExactly("1:Webinar=400.00", "2:Email=200.00", "3:Paid search=400.00");
        assertThat(credits(PositionBased.uShaped(UShapedWeights.MARKETO_MEASURE), path))
                .containsExactly("1:Webinar=500.00", "3:Paid search=500.00");
        assertThat(credits(PositionBased.uShaped(new UShapedWeights(new BigDecimal("0.3"), new BigDecimal("0.5"),
                new BigDecimal("0.2"), null)), path))
                .containsExactly("1:Webinar=300.00", "2:Email=200.00", "3:Paid search=500.00");
        // W 0.3 first, 0.1 between, 0.3 lead creation, 0.3 opportunity (touch 4)
        assertThat(credits(PositionBased.wShaped(), path))
                .containsExactly("1:Webinar=300.00", "2:Email=100.00", "3:Paid search=300.00", "4:Email=300.00");
        // full path: opportunity and close both on touch 4: 0.45
        assertThat(credits(PositionBased.fullPath(), path))
                .containsExactly("1:Webinar=225.00", "2:Email=100.00", "3:Paid search=225.00", "4:Email=450.00");
    }

    @Test
    void timeDecayHalvesEveryHalfLifeBackFromTheCloseDate() {
        // 21, 14 and 7 days before the close, half-life 7: weights 1/8, 1/4, 1/2
        assertThat(credits(new TimeDecay(7), THOUSAND))
                .containsExactly("1:Paid search=142.86", "2:Webinar=285.71", "3:Email=571.43");
        // half-life 14: 2^-1.5, 2^-1, 2^-0.5 -> 0.226541, 0.320377, 0.453082
        assertThat(credits(new TimeDecay(14), THOUSAND))
                .containsExactly("1:Paid search=226.54", "2:Webinar=320.38", "3:Email=453.08");
        // 35, 28, 21, 7 days: 1/32, 1/16, 1/8, 1/2 = 1, 2, 4, 16 of 23 parts of 100.00
        DealPath four = DealPath.of(deal("100.00", "2026-01-17T12:00", "2026-02-06"), List.of(
                lead("2026-01-02T09:00", "A"), lead("2026-01-09T09:00", "B"), lead("2026-01-16T09:00", "C"),
                lead("2026-01-30T09:00", "D")));
        assertThat(credits(new TimeDecay(7), four)).containsExactly("1:A=4.35", "2:B=8.70", "3:C=17.39", "4:D=69.56");
        // years-old paths do not underflow
        DealPath old = DealPath.of(deal("10.00", null, "2026-02-06"), List.of(lead("1990-01-02T09:00", "A"),
                lead("1990-01-02T10:00", "B")));
        assertThat(credits(new TimeDecay(7), old)).containsExactly("1:A=5.00", "2:B=5.00");
    }

    @Test
    void markovSplitsByRemovalEffectAndSharesAChannelsPartAmongItsTouches() {
        JourneyGraph g = JourneyGraphTest.graph(List.of("A", "B"), true, List.of("A"), true, List.of("B"), false,
                List.of("A", "B"), false);
        // removal effects A 5/6, B 1/2 -> 5/8 and 3/8
        DealPath ab = DealPath.of(deal("1000.00", null, "2026-02-08"), List.of(lead("2026-01-02T09:00", "A"),
                lead("2026-01-03T09:00", "B")));
        Markov markov = new Markov(g.removalEffects());
        assertThat(credits(markov, ab)).containsExactly("1:A=625.00", "2:B=375.00");
        // A's 5/8 shared by its two touches: 5/16, 5/16, 6/16 of 100.00 = 31.25, 31.25, 37.50
        DealPath aba = DealPath.of(deal("100.00", null, "2026-02-08"), List.of(lead("2026-01-02T09:00", "A"),
                lead("2026-01-03T09:00", "B"), lead("2026-01-04T09:00", "A")));
        assertThat(credits(markov, aba)).containsExactly("1:A=31.25", "2:B=37.50", "3:A=31.25");
        // a channel never seen on a journey has no removal effect; a path of only such channels is split equally
        DealPath unseen = DealPath.of(deal("100.00", null, "2026-02-08"), List.of(lead("2026-01-02T09:00", "X"),
                lead("2026-01-03T09:00", "Y"), lead("2026-01-04T09:00", "Z")));
        assertThat(credits(markov, unseen)).containsExactly("1:X=33.34", "2:Y=33.33", "3:Z=33.33");
    }

    @Test
    void aSingleTouchTakesEverythingUnderEveryModel() {
        DealPath one = DealPath.of(deal("99.99", "2026-01-20T10:00", "2026-02-08"), List.of(lead("2026-01-18T09:00", "Webinar")));
        JourneyGraph g = new JourneyGraph();
        g.add(List.of("Webinar"), true);
        for (AttributionModel m : AttributionModels.all(AttributionSettings.DEFAULTS, g.removalEffects())) {
            assertThat(credits(m, one)).as(m.name()).containsExactly("1:Webinar=99.99");
        }
    }

    @Test
    void anOpenDealExpectedToCloseBeforeTheLeadExistedGoesToTheFirstTouch() {
        DealPath early = DealPath.of(new Deal("crm", "D9", "lead", "open", new BigDecimal("50.00"), null,
                LocalDate.parse("2025-12-31")), THREE);
        assertThat(early.size()).isEqualTo(1);
        assertThat(credits(new LastTouch(), early)).containsExactly("1:Paid search=50.00");
    }

    @Test
    void theModelsAreTheConfiguredOnesInTheirDocumentedOrder() {
        assertThat(AttributionModels.all(AttributionSettings.DEFAULTS, new JourneyGraph().removalEffects()))
                .extracting(AttributionModel::name).containsExactlyElementsOf(AttributionSettings.MODELS);
    }
}
