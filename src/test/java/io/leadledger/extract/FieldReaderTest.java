package io.leadledger.extract;

import io.leadledger.jobs.MappingProfile;
import io.leadledger.jobs.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values as exports write them, read through a mapping profile. */
class FieldReaderTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Map<String, String> COLUMNS = Map.of("createdAt", "Create Date", "amount", "Amount",
            "currency", "Opportunity Currency", "email", "Email Address");

    // ---- dates -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dd-MM-yyyy HH:mm | 01-03-2026 14:05     | 2026-03-01T14:05",
            "M/d/yyyy         | 3/1/2026             | 2026-03-01T00:00",
            "M/d/yyyy         | 12/31/2025           | 2025-12-31T00:00",
            "M/d/yyyy h:mm a  | 3/1/2026 2:05 PM     | 2026-03-01T14:05",
            "yyyy-MM-dd       | 2026-03-01           | 2026-03-01T00:00",
            "MMM yyyy         | Mar 2026             | 2026-03-01T00:00",
            "dd.MM.yy         | 01.03.26             | 2026-03-01T00:00"})
    void datePatterns(String pattern, String value, String expected) {
        FieldReader f = reader(List.of(pattern), null);
        assertThat(f.dateTime(row("Create Date", value), "createdAt", true)).isEqualTo(LocalDateTime.parse(expected));
    }

    @Test
    void isoWithZ_isConvertedToTheTenantZone() {
        FieldReader f = reader(List.of("ISO"), null);
        assertThat(f.dateTime(row("Create Date", "2026-03-01T10:15:30Z"), "createdAt", true))
                .isEqualTo(LocalDateTime.of(2026, 3, 1, 11, 15, 30));
        assertThat(f.dateTime(row("Create Date", "2026-07-01T10:15:30.123Z"), "createdAt", true))
                .isEqualTo(LocalDateTime.of(2026, 7, 1, 12, 15, 30));
    }

    @Test
    void isoWithOffset_isConvertedToTheTenantZone() {
        FieldReader f = reader(List.of("ISO"), null);
        assertThat(f.dateTime(row("Create Date", "2026-03-01T10:15:30+02:00"), "createdAt", true))
                .isEqualTo(LocalDateTime.of(2026, 3, 1, 9, 15, 30));
    }

    @Test
    void isoWithoutZone_isTheTenantsLocalTime() {
        FieldReader f = reader(List.of("ISO"), null);
        assertThat(f.dateTime(row("Create Date", "2026-03-01T10:15:30"), "createdAt", true))
                .isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 15, 30));
        assertThat(f.date(row("Create Date", "2026-03-01"), "createdAt", true)).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void isoDatesFromXlsxCellsAreReadWhateverTheProfileSays() {
        FieldReader f = reader(List.of("M/d/yyyy"), null);
        assertThat(f.date(row("Create Date", "2026-03-01"), "createdAt", true)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(f.dateTime(row("Create Date", "2026-03-01T10:15:00"), "createdAt", true))
                .isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 15));
    }

    @Test
    void excelSerialDates() {
        FieldReader f = reader(List.of("yyyy-MM-dd", "excel"), null);
        assertThat(f.date(row("Create Date", "45352"), "createdAt", true)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(f.dateTime(row("Create Date", "45352.5"), "createdAt", true)).isEqualTo(LocalDateTime.of(2024, 3, 1, 12, 0));
        assertThat(f.date(row("Create Date", "2024-03-02"), "createdAt", true)).isEqualTo(LocalDate.of(2024, 3, 2));
        // without "excel" a serial is not a date
        assertThatThrownBy(() -> reader(List.of("yyyy-MM-dd"), null).date(row("Create Date", "45352"), "createdAt", true))
                .isInstanceOf(RowRejectedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"31-02-2026 10:00", "2026-13-01", "yesterday", "01-03-2026", "45352.", "1234567"})
    void impossibleOrUnreadableDatesAreRejectedNamingTheColumn(String value) {
        FieldReader f = reader(List.of("ISO", "dd-MM-yyyy HH:mm", "excel"), null);
        assertThatThrownBy(() -> f.dateTime(row("Create Date", value), "createdAt", true))
                .isInstanceOfSatisfying(RowRejectedException.class, e -> {
                    assertThat(e.field()).isEqualTo("Create Date");
                    assertThat(e.rawValue()).isEqualTo(value);
                    assertThat(e.getMessage()).contains("not a date");
                });
    }

    // ---- amounts ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.234,56    | 1234.56",
            "1234,56     | 1234.56",
            "-1.234.567,8| -1234567.80",
            "1 234,56    | 1234.56",
            "1.234       | 1234.00",
            "0,5         | 0.50"})
    void decimalComma(String value, String expected) {
        FieldReader f = reader(null, ",");
        assertThat(f.amount(row("Amount", value), "amount", true, true)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1,234.56       | 1234.56",
            "1234.56        | 1234.56",
            "1,234,567.891  | 1234567.89",
            "1'234.50       | 1234.50",
            "1\u00A0234.50  | 1234.50",
            "1,23,456.78    | 123456.78",
            "-5             | -5.00",
            "+5             | 5.00"})
    void thousandsSeparators(String value, String expected) {
        FieldReader f = reader(null, null);
        assertThat(f.amount(row("Amount", value), "amount", true, true)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ".| 1.234,56", // a German amount under a US profile would read 1.23456
            ".| 1,5",
            ".| 12345,678",
            ".| 1,2345.00",
            ".| $1,234.56",
            ".| 1.2.3",
            ".| -",
            ".| 1e5",
            ",| 1234.56", // a plain number (e.g. from an XLSX cell) under a decimal-comma profile would read 123456
            ",| 1,234.56"})
    void amountsInTheOtherConventionAreRejectedNotMisread(String separator, String value) {
        FieldReader f = reader(null, separator);
        assertThatThrownBy(() -> f.amount(row("Amount", value), "amount", true, true))
                .isInstanceOfSatisfying(RowRejectedException.class, e -> {
                    assertThat(e.field()).isEqualTo("Amount");
                    assertThat(e.getMessage()).startsWith("not a number");
                });
    }

    @Test
    void negativeAmountRejectedWhereNotAllowed() {
        assertThatThrownBy(() -> reader(null, null).amount(row("Amount", "-1,234.00"), "amount", true, false))
                .isInstanceOf(RowRejectedException.class).hasMessage("negative amount");
    }

    // ---- currency and e-mail ---------------------------------------------------------------------------------

    @Test
    void currencyCodesAreValidated() {
        FieldReader f = reader(null, null);
        assertThat(f.currency(row("Opportunity Currency", " usd "), "currency")).isEqualTo("USD");
        for (String bad : List.of("US$", "€", "XYZ", "Dollar")) {
            assertThatThrownBy(() -> f.currency(row("Opportunity Currency", bad), "currency"))
                    .isInstanceOfSatisfying(RowRejectedException.class, e -> {
                        assertThat(e.field()).isEqualTo("Opportunity Currency");
                        assertThat(e.rawValue()).isEqualTo(bad);
                        assertThat(e.getMessage()).contains("ISO 4217");
                    });
        }
    }

    @Test
    void emailsAreTrimmedAndLowerCased() {
        FieldReader f = reader(null, null);
        assertThat(f.email(row("Email Address", "  Jane.Doe@Example.COM\u00A0"), "email")).isEqualTo("jane.doe@example.com");
        assertThat(f.email(row("Email Address", "   "), "email")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@@b", "a@@b.com", "jane", "jane@example", "@example.com", "jane doe@example.com"})
    void malformedEmailsAreRejectedNamingTheColumn(String value) {
        FieldReader f = reader(null, null);
        assertThatThrownBy(() -> f.email(row("Email Address", value), "email"))
                .isInstanceOfSatisfying(RowRejectedException.class, e -> {
                    assertThat(e.field()).isEqualTo("Email Address");
                    assertThat(e.getMessage()).isEqualTo("not an e-mail address");
                });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static FieldReader reader(List<String> dateFormats, String decimalSeparator) {
        MappingProfile m = new MappingProfile("test", SourceKind.DEALS, "csv", null, null, null, null, null, dateFormats,
                decimalSeparator, null, COLUMNS, null, null, null, null, null);
        return new FieldReader(m, BERLIN);
    }

    private static RawRecord row(String column, String value) {
        return new RawRecord("t.csv", 2, Header.of(List.of("Id", column)), new String[] {"1", value});
    }

    @org.junit.jupiter.api.Test
    void theHandWrittenEmailTestAgreesWithTheRegex() {
        for (String v : java.util.List.of("a@b.co", "a@b.c", "a@.b.c", "a@b.", "a@b", "@b.co", "a@@b.co", "a b@c.de",
                "a@b..", "a@b.c\t", "ab.c@d", "a@b.c@d.e", "x@y.z.w", "a@b\u000B.c", "", "a", "a.b@c.d")) {
            org.assertj.core.api.Assertions.assertThat(FieldReader.looksLikeEmail(v))
                    .as("'%s'", v).isEqualTo(FieldReader.EMAIL.matcher(v).matches());
        }
    }
}
