package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leadledger.jobs.Workspace;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Marketo profiles name only what the connector gives: the activities profile maps the touches contract's fields
 * (read as plain YAML: the touches kind is built beside this connector) to the fields of an activity record.
 */
class MarketoProfilesTest {

    @Test
    void theActivitiesProfileMapsContractFieldsToActivityFields() throws Exception {
        Map<String, Object> p;
        try (InputStream in = Workspace.class.getResourceAsStream("/profiles/marketo-api-activities.yml")) {
            p = new ObjectMapper(new YAMLFactory()).readValue(in, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        }
        assertEquals("touches", p.get("kind"));
        @SuppressWarnings("unchecked")
        Map<String, String> columns = (Map<String, String>) p.get("columns");
        assertThat(columns.keySet()).allMatch(k -> List.of("id", "email", "personId", "at", "source", "sourceDetail",
                "campaign", "type", "deleted").contains(k)).contains("at", "personId");
        assertThat(columns.values()).allMatch(MarketoConnector.ACTIVITY_FIELDS::contains);
    }

    @Test
    void theLeadsProfileAsksMarketoOnlyForItsOwnFields() {
        var leads = Workspace.builtInProfile("marketo-api-leads");
        assertEquals("leads", leads.kind().label());
        assertThat(leads.columnsOrEmpty().values()).contains("mergedIds", "archived", "createdAt");
        // the record fields are not asked of Marketo (it refuses a field it does not know)
        MarketoConnector c = new MarketoConnector(null, "http://x", "leads", List.copyOf(leads.columnsOrEmpty().values()),
                null, List.of(), 1, java.time.Duration.ofMillis(1));
        assertThat(c.fields()).startsWith("id", "archived", "modified", "mergedIds").doesNotHaveDuplicates();
    }
}
