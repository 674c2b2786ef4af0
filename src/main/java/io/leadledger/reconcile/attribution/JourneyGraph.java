package io.leadledger.reconcile.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first-order Markov chain of Anderl, Becker, von Wangenheim and Schumann (2016): states start,
 * one per channel, conversion and null; transition probabilities are the observed transition counts
 * over all journeys, converting and not, divided by the state's outgoing count. Only counts are kept,
 * so a million journeys cost a few kilobytes.
 */
public final class JourneyGraph {

    static final int START = -1;
    static final int CONVERSION = -2;
    static final int NULL = -3;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final Map<Long, long[]> transitions = new HashMap<>();
    private final List<long[]> journeysAndConversions = new ArrayList<>();
    private long journeys;
    private long conversions;

    /** One lead's journey: its touches' channels in time order, ending in conversion or not. */
    public void add(List<String> channels, boolean converted) {
        count(channels, converted, 1);
    }

    /**
     * Takes back a journey {@link #add added} before (an incremental night: a lead's old journey before its new
     * one). Counts only: the chain is then exactly as if that journey had never been added.
     */
    public void remove(List<String> channels, boolean converted) {
        count(channels, converted, -1);
    }

    private void count(List<String> channels, boolean converted, int sign) {
        if (channels.isEmpty()) {
            return;
        }
        journeys += sign;
        conversions += converted ? sign : 0;
        int from = START;
        Set<Integer> seen = new HashSet<>();
        for (String c : channels) {
            int to = id(c);
            count(from, to, sign);
            if (seen.add(to)) {
                long[] jc = journeysAndConversions.get(to);
                jc[0] += sign;
                jc[1] += converted ? sign : 0;
            }
            from = to;
        }
        count(from, converted ? CONVERSION : NULL, sign);
    }

    /** The chain's counts, to keep between nights: every transition between states, each channel's journeys. */
    public interface Counts {
        void transition(String from, String to, long count);

        void channel(String channel, long journeys, long conversions);
    }

    /** Hands every non-zero count to {@code out}; states are named as {@link #load} reads them. */
    public void counts(Counts out) {
        for (Map.Entry<Long, long[]> e : transitions.entrySet()) {
            if (e.getValue()[0] != 0) {
                out.transition(state((int) (e.getKey() >> 32)), state((int) (long) e.getKey()), e.getValue()[0]);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            long[] jc = journeysAndConversions.get(i);
            if (jc[0] != 0 || jc[1] != 0) {
                out.channel(names.get(i), jc[0], jc[1]);
            }
        }
    }

    /** Adds counts written by {@link #counts}: a transition (also to the totals) or a channel's journeys. */
    public void load(String from, String to, long count) {
        int f = stateId(from);
        int t = stateId(to);
        count(f, t, count);
        if (f == START) {
            journeys += count;
        }
        if (t == CONVERSION) {
            conversions += count;
        }
    }

    public void loadChannel(String channel, long channelJourneys, long channelConversions) {
        long[] jc = journeysAndConversions.get(id(channel));
        jc[0] += channelJourneys;
        jc[1] += channelConversions;
    }

    private String state(int id) {
        return switch (id) {
            case START -> "start";
            case CONVERSION -> "conversion";
            case NULL -> "null";
            default -> "c:" + names.get(id);
        };
    }

    private int stateId(String state) {
        return switch (state) {
            case "start" -> START;
            case "conversion" -> CONVERSION;
            case "null" -> NULL;
            default -> id(state.substring(2));
        };
    }

    private int id(String channel) {
        Integer id = ids.get(channel);
        if (id == null) {
            id = names.size();
            ids.put(channel, id);
            names.add(channel);
            journeysAndConversions.add(new long[2]);
        }
        return id;
    }

    private void count(int from, int to, long n) {
        transitions.computeIfAbsent(((long) from << 32) | (to & 0xffffffffL), k -> new long[1])[0] += n;
    }

    public long journeys() {
        return journeys;
    }

    public long conversions() {
        return conversions;
    }

    /** Solves the chain with every channel present and with each one removed in turn. */
    public RemovalEffects removalEffects() {
        // the channels on some journey (one whose journeys were all taken back is no state); a fixed state order:
        // the same floating-point operations on every run, however the counts were reached
        List<String> sorted = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (journeysAndConversions.get(i)[0] > 0) {
                sorted.add(names.get(i));
            }
        }
        sorted.sort(null);
        int n = sorted.size();
        int[] index = new int[names.size()];
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < n; i++) {
            index[ids.get(sorted.get(i))] = i;
        }
        double[][] q = new double[n][n];
        double[] toConversion = new double[n];
        double[] fromStart = new double[n];
        double[] outgoing = new double[n];
        double startTotal = 0;
        for (Map.Entry<Long, long[]> e : transitions.entrySet()) {
            int from = (int) (e.getKey() >> 32);
            if (e.getValue()[0] == 0) {
                continue; // taken back whole
            }
            if (from == START) {
                startTotal += e.getValue()[0];
            } else {
                outgoing[index[from]] += e.getValue()[0];
            }
        }
        for (Map.Entry<Long, long[]> e : transitions.entrySet()) {
            int from = (int) (e.getKey() >> 32);
            int to = (int) (long) e.getKey();
            double count = e.getValue()[0];
            if (count == 0) {
                continue;
            }
            if (from == START) {
                fromStart[index[to]] = count / startTotal;
            } else if (to == CONVERSION) {
                toConversion[index[from]] = count / outgoing[index[from]];
            } else if (to != NULL) {
                q[index[from]][index[to]] = count / outgoing[index[from]];
            }
        }
        double all = conversionProbability(q, toConversion, fromStart, -1);
        List<RemovalEffects.ChannelEffect> effects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double without = conversionProbability(q, toConversion, fromStart, i);
            double effect = all > 0 ? Math.min(1, Math.max(0, 1 - without / all)) : 0;
            long[] jc = journeysAndConversions.get(ids.get(sorted.get(i)));
            effects.add(new RemovalEffects.ChannelEffect(sorted.get(i), jc[0], jc[1], without, effect));
        }
        return RemovalEffects.of(journeys, conversions, all, effects);
    }

    /**
     * P(reaching conversion from start): solves h = Q h + r for the absorption probabilities h of the
     * channel states, then sums start's transitions times h. A removed channel is a dead end: its h is 0,
     * so every transition into it ends in null.
     */
    static double conversionProbability(double[][] q, double[] toConversion, double[] fromStart, int removed) {
        int n = q.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            if (i == removed) {
                a[i][i] = 1; // h = 0
                continue;
            }
            for (int j = 0; j < n; j++) {
                a[i][j] = (i == j ? 1 : 0) - (j == removed ? 0 : q[i][j]);
            }
            a[i][n] = toConversion[i];
        }
        double[] h = solve(a);
        double p = 0;
        for (int j = 0; j < n; j++) {
            p += fromStart[j] * h[j];
        }
        return p;
    }

    /**
     * Gaussian elimination with partial pivoting on the augmented matrix. I - Q is invertible: every
     * observed state has a path to an absorbing state (each journey ends in one).
     */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
