package io.leadledger.report.pdf;

import java.util.Locale;

/** PDF paper, in points (1/72 inch). The templates are drawn on A4; Letter reuses them on a wider, shorter page. */
public enum PaperSize {
    A4(595, 842),
    LETTER(612, 792);

    final int width;
    final int height;

    PaperSize(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** "A4" or "Letter", case-insensitive; null means A4. */
    public static PaperSize of(String name) {
        if (name == null) {
            return A4;
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "A4" -> A4;
            case "LETTER" -> LETTER;
            default -> throw new IllegalArgumentException("paper size '" + name + "' must be A4 or Letter");
        };
    }
}
