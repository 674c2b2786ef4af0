package io.leadledger.demo;

import java.util.List;
import java.util.Random;

/** Random choices shared by the simulation steps. */
final class Draws {

    private Draws() {
    }

    /** One of {@code values}, with probability proportional to its weight (parallel array). */
    static <T> T weighted(List<T> values, double[] weights, Random r) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < values.size(); i++) {
            u -= weights[i];
            if (u < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }
}
