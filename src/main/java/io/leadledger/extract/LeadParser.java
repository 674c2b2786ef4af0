package io.leadledger.extract;

import java.util.List;

public final class LeadParser implements RowParser {
    private final FieldReader f;

    public LeadParser(FieldReader f) {
        this.f = f;
    }

    @Override
    public List<String> requiredFields() {
        return List.of("id", "createdAt");
    }

    @Override
    public ParsedRow parse(RawRecord r) {
        String id = FieldReader.cut(f.required(r, "id"), 128);
        String status = f.text(r, "status");
        Lead lead = new Lead(id, FieldReader.cut(f.text(r, "email"), 320), f.email(r, "email"),
                FieldReader.cut(f.text(r, "firstName"), 200), FieldReader.cut(f.text(r, "lastName"), 200),
                FieldReader.cut(f.text(r, "company"), 300), f.dateTime(r, "createdAt", true),
                FieldReader.cut(f.text(r, "source"), 200), FieldReader.cut(f.text(r, "sourceDetail"), 200),
                FieldReader.cut(f.text(r, "campaign"), 300), FieldReader.cut(status, 100),
                FieldReader.cut(f.text(r, "lifecycleStage"), 100), f.dateTime(r, "handedAt", false),
                f.dateTime(r, "acceptedAt", false), f.dateTime(r, "firstTouchAt", false),
                FieldReader.in(f.mapping().rejectedStatuses(), status), FieldReader.cut(f.text(r, "rejectionReason"), 200),
                FieldReader.cut(f.text(r, "owner"), 200), f.flag(r, "deleted"),
                DomainText.idList(f.text(r, "mergedIds"), 2000));
        return ParsedRow.ok(r, lead, id);
    }
}
