package io.leadledger.reconcile.attribution;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Removal effects on path sets small enough to solve the chain by hand. */
class JourneyGraphTest {

    /** Alternating (channels, converted) pairs. */
    @SuppressWarnings("unchecked")
    static JourneyGraph graph(Object... journeys) {
        JourneyGraph g = new JourneyGraph();
        for (int i = 0; i < journeys.length; i += 2) {
            g.add((List<String>) journeys[i], (Boolean) journeys[i + 1]);
        }
        return g;
    }

    static Map<String, String> effects(RemovalEffects e) {
        return e.channels().stream().collect(Collectors.toMap(RemovalEffects.Channel::channel,
                c -> c.removalEffect().setScale(4, RoundingMode.HALF_UP).toPlainString()));
    }

    static String p4(BigDecimal p) {
        return p.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void fourPaths() {
        // start -> A 3/4, -> B 1/4; A -> B 2/3, -> conv 1/3; B -> conv 1/3, -> null 2/3
        // h(B) = 1/3, h(A) = 2/3 * 1/3 + 1/3 = 5/9, P = 3/4 * 5/9 + 1/4 * 1/3 = 1/2 (2 of 4 converted)
        // without A: 1/4 * 1/3 = 1/12 -> RE(A) = 1 - (1/12)/(1/2) = 5/6
        // without B: h(A) = 1/3, P = 3/4 * 1/3 = 1/4 -> RE(B) = 1/2
        RemovalEffects e = graph(List.of("A", "B"), true, List.of("A"), true, List.of("B"), false,
                List.of("A", "B"), false).removalEffects();
        assertThat(p4(e.conversionProbability())).isEqualTo("0.5000");
        assertThat(effects(e)).isEqualTo(Map.of("A", "0.8333", "B", "0.5000"));
        assertThat(e.channels()).extracting(c -> p4(c.without())).containsExactly("0.0833", "0.2500");
        assertThat(e.channels()).extracting(c -> c.share().toPlainString()).containsExactly("0.625000", "0.375000");
        assertThat(e.channels()).extracting(RemovalEffects.Channel::journeys).containsExactly(3L, 3L);
        assertThat(e.channels()).extracting(RemovalEffects.Channel::conversions).containsExactly(2L, 1L);
        assertThat(e.journeys()).isEqualTo(4);
        assertThat(e.conversions()).isEqualTo(2);
    }

    @Test
    void aLoopBackToAnEarlierChannel() {
        // A -> B -> A -> conv, B -> null, A -> null
        // start -> A 2/3, -> B 1/3; A -> B 1/3, -> conv 1/3, -> null 1/3; B -> A 1/2, -> null 1/2
        // h(A) = 1/3 h(B) + 1/3, h(B) = 1/2 h(A) -> h(A) = 2/5, h(B) = 1/5; P = 2/3 * 2/5 + 1/3 * 1/5 = 1/3
        // without A nothing converts: RE(A) = 1; without B: h(A) = 1/3, P = 2/9 -> RE(B) = 1/3
        RemovalEffects e = graph(List.of("A", "B", "A"), true, List.of("B"), false, List.of("A"), false).removalEffects();
        assertThat(p4(e.conversionProbability())).isEqualTo("0.3333");
        assertThat(effects(e)).isEqualTo(Map.of("A", "1.0000", "B", "0.3333"));
        assertThat(e.channels()).extracting(c -> p4(c.without())).containsExactly("0.0000", "0.2222");
        assertThat(e.channels()).extracting(c -> c.share().toPlainString()).containsExactly("0.750000", "0.250000");
    }

    @Test
    void repeatedTouchesOfOneChannelAndTheDemoScenario() {
        // the five journeys of AttributionWarehouseTest:
        // PS WEB EM conv | PS EM WEB EM conv | WEB null | PS EM null | EM null
        // h(EM) = 2/5 + 1/5 h(WEB), h(WEB) = 2/3 h(EM), h(PS) = 1/3 h(WEB) + 2/3 h(EM)
        // -> h(EM) = 6/13, h(WEB) = 4/13, h(PS) = 16/39; P = 3/5 * 16/39 + 1/5 * 4/13 + 1/5 * 6/13 = 2/5
        // without PS: 2/13 -> RE 8/13; without WEB: 0.24 -> RE 0.4; without EM: 0 -> RE 1
        RemovalEffects e = graph(List.of("PS", "WEB", "EM"), true, List.of("PS", "EM", "WEB", "EM"), true,
                List.of("WEB"), false, List.of("PS", "EM"), false, List.of("EM"), false).removalEffects();
        assertThat(p4(e.conversionProbability())).isEqualTo("0.4000");
        assertThat(effects(e)).isEqualTo(Map.of("PS", "0.6154", "WEB", "0.4000", "EM", "1.0000"));
        // 65/131, 40/131, 26/131
        assertThat(e.channels()).extracting(c -> c.channel() + "=" + c.share().toPlainString())
                .containsExactly("EM=0.496183", "PS=0.305344", "WEB=0.198473");
    }

    @Test
    void aSelfLoopChangesNothing() {
        RemovalEffects e = graph(List.of("A", "A"), true, List.of("A"), false).removalEffects();
        assertThat(p4(e.conversionProbability())).isEqualTo("0.5000");
        assertThat(effects(e)).isEqualTo(Map.of("A", "1.0000"));
    }

    @Test
    void withoutConversionsThereIsNoEffect() {
        RemovalEffects e = graph(List.of("A", "B"), false, List.of("B"), false).removalEffects();
        assertThat(p4(e.conversionProbability())).isEqualTo("0.0000");
        assertThat(effects(e)).isEqualTo(Map.of("A", "0.0000", "B", "0.0000"));
        assertThat(new JourneyGraph().removalEffects().channels()).isEmpty();
    }

    /**
     * An incremental night: the counts kept from last night, a changed journey taken back and its new one added,
     * give the same chain, to the last bit, as the journeys added afresh; a channel whose every journey was taken
     * back is no state.
     */
    @Test
    void countsKeptTakenBackAndAddedAgainSolveToTheSameEffects() {
        JourneyGraph night1 = graph(List.of("A", "B"), true, List.of("C", "A"), false, List.of("B"), false);
        JourneyGraph kept = new JourneyGraph();
        night1.counts(new JourneyGraph.Counts() {
            @Override
            public void transition(String from, String to, long count) {
                kept.load(from, to, count);
            }

            @Override
            public void channel(String channel, long journeys, long conversions) {
                kept.loadChannel(channel, journeys, conversions);
            }
        });
        kept.remove(List.of("C", "A"), false); // the lead's journey changed: C is gone from every journey
        kept.add(List.of("A", "A", "B"), true);
        JourneyGraph fresh = graph(List.of("A", "B"), true, List.of("A", "A", "B"), true, List.of("B"), false);
        assertThat(kept.removalEffects()).isEqualTo(fresh.removalEffects());
        assertThat(kept.journeys()).isEqualTo(3);
        assertThat(kept.conversions()).isEqualTo(2);
        assertThat(effects(kept.removalEffects())).doesNotContainKey("C");
    }
}
