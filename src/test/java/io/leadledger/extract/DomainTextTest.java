package io.leadledger.extract;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DomainTextTest {

    @Test
    void websitesBecomeBareDomains() {
        assertEquals("acme.com", DomainText.domain("https://www.Acme.com/contact?x=1#top"));
        assertEquals("acme.com", DomainText.domain("http://acme.com:8080"));
        assertEquals("acme.co.uk", DomainText.domain(" www.acme.co.uk. "));
        assertEquals("shop.acme.com", DomainText.domain("//shop.acme.com/"));
        assertEquals("acme.com", DomainText.domain("sales@acme.com"), "an e-mail address gives its domain");
        assertEquals("www.com", DomainText.domain("www.com"), "www. is only stripped before a domain");
        assertEquals("müller.de", DomainText.domain("https://www.Müller.de"));
    }

    @Test
    void whatIsNotADomainIsNull() {
        assertNull(DomainText.domain(null));
        assertNull(DomainText.domain("n/a"));
        assertNull(DomainText.domain("localhost"));
        assertNull(DomainText.domain("-acme.com"));
        assertNull(DomainText.domain(""));
    }

    @Test
    void idListsAreSplitTrimmedAndDeduplicated() {
        assertEquals("101;102;103", DomainText.idList("101;102; 103;101", 2000));
        assertEquals("7;8", DomainText.idList("7, 8", 2000));
        assertNull(DomainText.idList(" ; ", 2000));
        assertEquals("1234;5678", DomainText.idList("1234;5678;9012", 10), "cut at an id, never inside one");
    }
}
