package io.leadledger.extract;

import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The worksheets of a workbook (found by name or 1-based position) and its date system, read without loading it. */
final class WorkbookSheets {

    record Sheet(String name, PackagePart part) {
    }

    private WorkbookSheets() {
    }

    /**
     * The sheet named {@code wanted} (ignoring case, as Excel does), else the sheet at that 1-based position when
     * it is a number, else the first sheet when nothing is wanted.
     *
     * @throws SourceFormatException naming the sheets there are
     */
    static Sheet pick(XSSFReader reader, String wanted, String file) throws Exception {
        List<Sheet> sheets = new ArrayList<>();
        XSSFReader.SheetIterator it = reader.getSheetIterator();
        while (it.hasNext()) {
            try (InputStream ignored = it.next()) {
                sheets.add(new Sheet(it.getSheetName(), it.getSheetPart()));
            }
        }
        if (sheets.isEmpty()) {
            throw new SourceFormatException(file + ": the workbook has no sheets");
        }
        if (wanted == null || wanted.isBlank()) {
            return sheets.get(0);
        }
        String w = wanted.trim();
        for (Sheet s : sheets) {
            if (s.name().equalsIgnoreCase(w) || s.name().trim().equalsIgnoreCase(w)) {
                return s;
            }
        }
        if (!w.isEmpty() && w.length() < 6 && w.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int i = Integer.parseInt(w) - 1;
            if (i >= 0 && i < sheets.size()) {
                return sheets.get(i);
            }
        }
        throw new SourceFormatException(file + ": no sheet '" + wanted + "' (sheets: "
                + String.join(", ", sheets.stream().map(Sheet::name).toList()) + ")");
    }

    /** Whether serial dates count from 1904 (workbooks from old Mac Excel) rather than 1900. */
    static boolean usesDate1904(XSSFReader reader) throws Exception {
        boolean[] date1904 = {false};
        try (InputStream in = reader.getWorkbookData()) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String v = attributes.getValue("date1904");
                        date1904[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                }
            });
            xml.parse(new InputSource(in));
        }
        return date1904[0];
    }
}
