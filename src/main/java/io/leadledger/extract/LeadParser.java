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
        String id = f.id(r, "id", 128);
        String status = f.text(r, "status", 100);
        // a record the tool deleted because it merged it into another (Salesforce's MasterRecordId) is not gone:
        // it is a member of the survivor's lead, like a HubSpot record named in the survivor's merged ids
        String mergedInto = f.text(r, "mergedInto", 128);
        Lead lead = new Lead(id, f.emailText(r, "email", 320), f.email(r, "email"),
                f.text(r, "firstName", 200), f.text(r, "lastName", 200),
                f.text(r, "company", 300), f.dateTime(r, "createdAt", true),
                f.text(r, "source", 200), f.text(r, "sourceDetail", 200),
                f.text(r, "campaign", 300), status,
                f.text(r, "lifecycleStage", 100), f.dateTime(r, "handedAt", false),
                f.dateTime(r, "acceptedAt", false), f.dateTime(r, "firstTouchAt", false),
                FieldReader.in(f.mapping().rejectedStatuses(), status), f.text(r, "rejectionReason", 200),
                f.text(r, "owner", 200), f.flag(r, "deleted") && mergedInto == null,
                DomainText.idList(f.text(r, "mergedIds"), 2000), mergedInto);
        return ParsedRow.ok(r, lead, id);
    }
}
