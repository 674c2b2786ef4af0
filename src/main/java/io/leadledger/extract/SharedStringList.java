package io.leadledger.extract;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A workbook's shared-string table as plain strings. POI's ReadOnlySharedStringsTable answers every lookup with
 * an XSSFRichTextString backed by an XMLBeans object, which made reading a large sheet several times slower.
 * Phonetic runs (rPh: Japanese reading aids) are not cell text and are left out; Excel's _xHHHH_ escapes for
 * control characters are decoded, as POI does.
 */
final class SharedStringList extends DefaultHandler implements SharedStrings {

    private final List<String> strings = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private boolean inText;
    private int phoneticDepth;

    private SharedStringList() {
    }

    static SharedStringList of(OPCPackage pkg) throws Exception {
        SharedStringList list = new SharedStringList();
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (!parts.isEmpty()) {
            try (InputStream in = parts.get(0).getInputStream()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(list);
                xml.parse(new InputSource(in));
            }
        }
        return list;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "si" -> text.setLength(0);
            case "t" -> inText = phoneticDepth == 0;
            case "rPh" -> phoneticDepth++;
            default -> {
                // formatting runs and their properties carry no text of their own
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName) {
            case "si" -> strings.add(decodeEscapes(text.toString()));
            case "t" -> inText = false;
            case "rPh" -> phoneticDepth--;
            default -> {
                // nothing to close
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inText) {
            text.append(ch, start, length);
        }
    }

    @Override
    public RichTextString getItemAt(int idx) {
        return new PlainText(strings.get(idx));
    }

    @Override
    public int getCount() {
        return strings.size();
    }

    @Override
    public int getUniqueCount() {
        return strings.size();
    }

    /** Excel writes control characters as _xHHHH_ (a carriage return as _x000D_). */
    static String decodeEscapes(String s) {
        int at = s.indexOf("_x");
        if (at < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int from = 0;
        while (at >= 0) {
            if (at + 7 <= s.length() && s.charAt(at + 6) == '_' && isHex(s, at + 2, at + 6)) {
                b.append(s, from, at).append((char) Integer.parseInt(s.substring(at + 2, at + 6), 16));
                from = at + 7;
            }
            at = s.indexOf("_x", Math.max(at + 1, from));
        }
        return b.append(s, from, s.length()).toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Just the text: what the sheet handler asks a shared string for. */
    private record PlainText(String text) implements RichTextString {
        @Override
        public String getString() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public int numFormattingRuns() {
            return 0;
        }

        @Override
        public int getIndexOfFormattingRun(int index) {
            return 0;
        }

        @Override
        public void applyFont(int startIndex, int endIndex, short fontIndex) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public void applyFont(int startIndex, int endIndex, Font font) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public void applyFont(Font font) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public void clearFormatting() {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public void applyFont(short font) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
