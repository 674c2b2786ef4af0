package io.leadledger.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.leadledger.demo.RandomStreams.Concern;

/**
 * ECB euro reference rates (USD, JPY, GBP, CHF) on every TARGET2 business day from two months before the data
 * window, so the first deals already have a rate: a mean-reverting walk inside a plausible band.
 */
final class EcbRateSimulation {

    /** One day's rates, four decimals as the ECB publishes them, in {@link EcbRatesWriter#CURRENCIES} order. */
    record DailyRates(LocalDate day, List<BigDecimal> rates) {}

    private final RandomStreams streams;

    EcbRateSimulation(RandomStreams streams) {
        this.streams = streams;
    }

    /** Oldest first. */
    List<DailyRates> simulate(DemoPeriod period) {
        Random r = streams.open(Concern.ECB_RATES);
        LocalDate from = period.firstMonth().minusMonths(2).atDay(1);
        double[] value = {1.085, 160.0, 0.855, 0.95};
        double[] center = value.clone();
        double[] low = {1.05, 155, 0.83, 0.93};
        double[] high = {1.12, 165, 0.88, 0.97};
        double[] sigma = {0.0035, 0.45, 0.0017, 0.0015};
        List<DailyRates> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(period.endDate()); d = d.plusDays(1)) {
            if (!isTargetBusinessDay(d)) {
                continue;
            }
            List<BigDecimal> rates = new ArrayList<>(4);
            for (int i = 0; i < 4; i++) {
                double next = value[i] + 0.03 * (center[i] - value[i]) + sigma[i] * r.nextGaussian();
                value[i] = Math.max(low[i], Math.min(high[i], next));
                rates.add(BigDecimal.valueOf(value[i]).setScale(4, RoundingMode.HALF_UP));
            }
            days.add(new DailyRates(d, List.copyOf(rates)));
        }
        return days;
    }

    /** TARGET2 closing days: weekends, New Year, Good Friday, Easter Monday, 1 May, 25 and 26 December. */
    static boolean isTargetBusinessDay(LocalDate d) {
        if (DemoPeriod.isWeekend(d)) {
            return false;
        }
        MonthDay md = MonthDay.from(d);
        if (md.equals(MonthDay.of(1, 1)) || md.equals(MonthDay.of(5, 1)) || md.equals(MonthDay.of(12, 25))
                || md.equals(MonthDay.of(12, 26))) {
            return false;
        }
        LocalDate easter = easterSunday(d.getYear());
        return !d.equals(easter.minusDays(2)) && !d.equals(easter.plusDays(1));
    }

    /** Anonymous Gregorian algorithm. */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
