package io.leadledger.report.insights;

import io.leadledger.report.document.ValueType;

import java.math.BigDecimal;
import java.util.List;

/**
 * One statement on a report's first page: what to grow, what to cut, or what changed, as a plain sentence
 * whose figures are also given typed, so the PDF, the XLSX and the e-mail body print the same numbers.
 *
 * @param subject the source or campaign the insight is about, or the metric for a change; null for "none found"
 * @param basis   where an analyst finds the rows behind the figures (sheet and filter)
 */
public record Insight(Kind kind, String subject, String sentence, List<Figure> figures, String basis) {

    public enum Kind {
        /** a source to put more budget into */
        GROW,
        /** a campaign to stop funding */
        CUT,
        /** a movement against last month or the same month last year */
        CHANGE,
        /** why there is no recommendation (an input the rules need was not supplied) */
        NOTE;

        public String label() {
            return switch (this) {
                case GROW -> "Grow";
                case CUT -> "Cut";
                case CHANGE -> "Change";
                case NOTE -> "Note";
            };
        }

        public boolean isRecommendation() {
            return this != CHANGE;
        }
    }

    /** A figure a sentence quotes, typed as the tables type theirs. */
    public record Figure(String label, BigDecimal value, ValueType type) {
    }

    public Insight {
        figures = List.copyOf(figures);
    }
}
