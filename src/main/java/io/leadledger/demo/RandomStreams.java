package io.leadledger.demo;

import java.util.Random;

/**
 * One independent random stream per concern of the demo, derived from the seed, so changing one part of the data
 * does not reshuffle the others. The stream numbers are part of the output: renumbering one changes its files.
 */
final class RandomStreams {

    enum Concern {
        LEADS(1), PEOPLE(2), FUNNEL(3), RECORD_IDS(4), DEALS(5), SPECIAL_VALUES(6), DIRTY_LEADS(7), GOOGLE_ADS(8),
        BUDGET(9), EVENT_DATES(10), ECB_RATES(11), CAMPAIGN_TOUCHES(12),
        MARKETO_ACTIVITIES(13);

        private final int number;

        Concern(int number) {
            this.number = number;
        }
    }

    private final long seed;

    RandomStreams(long seed) {
        this.seed = seed;
    }

    /** A fresh stream (SplitMix64 of seed and concern): every call for a concern starts the same sequence. */
    Random open(Concern concern) {
        long z = seed + 0x9E3779B97F4A7C15L * (concern.number + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }
}
