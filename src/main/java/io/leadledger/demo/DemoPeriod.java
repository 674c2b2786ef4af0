package io.leadledger.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The months the demo data covers, cut in the tenant's zone (month indexes: 0 = {@code firstMonth}). */
record DemoPeriod(YearMonth firstMonth, YearMonth lastMonth, ZoneId zone) {

    static final int MONTHS = 18;

    static DemoPeriod endingWith(YearMonth lastMonth, ZoneId zone) {
        return new DemoPeriod(lastMonth.minusMonths(MONTHS - 1), lastMonth, zone);
    }

    ZonedDateTime start() {
        return firstMonth.atDay(1).atStartOfDay(zone);
    }

    /** The export moment: nothing later than this exists in the source systems yet. */
    ZonedDateTime end() {
        return lastMonth.atEndOfMonth().atTime(LocalTime.of(23, 59, 59)).atZone(zone);
    }

    LocalDate startDate() {
        return firstMonth.atDay(1);
    }

    LocalDate endDate() {
        return lastMonth.atEndOfMonth();
    }

    static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
