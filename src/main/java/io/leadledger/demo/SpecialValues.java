package io.leadledger.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.leadledger.demo.RandomStreams.Concern;

/**
 * Values real users' data contains and a careless CSV or XLSX step breaks: quotes, commas and a newline in one
 * field, non-ASCII and non-Latin names, formula-looking text. Put on HubSpot-only contacts without a deal, so they
 * do not change any match.
 */
final class SpecialValues {

    static final int COUNT = 6;

    private final RandomStreams streams;

    SpecialValues(RandomStreams streams) {
        this.streams = streams;
    }

    void apply(DemoWorld world) {
        Random r = streams.open(Concern.SPECIAL_VALUES);
        DemoPeople people = world.people;
        List<Lead> pool = new ArrayList<>();
        for (Lead l : world.leads) {
            if (l.inHubspot && !l.inMarketo && !l.hasDeal && !l.person.freeMail) {
                pool.add(l);
            }
        }
        Collections.shuffle(pool, r);
        Lead a = pool.get(0);
        a.person.companyName = "Smith \"& Sons\", Inc.\nEMEA";
        Lead b = pool.get(1);
        b.person.firstName = "Zoë";
        b.person.lastName = "Müller";
        b.person.email = people.unique("zoe.mueller", b.person.company.domain);
        Lead c = pool.get(2);
        c.person.firstName = "José";
        c.person.lastName = "Núñez";
        c.person.email = people.unique("jose.nunez", c.person.company.domain);
        Lead d = pool.get(3);
        d.person.firstName = "太郎";
        d.person.lastName = "山田";
        d.person.companyName = "Kaizen Robotics K.K.";
        d.person.email = people.unique("taro.yamada", "kaizen-robotics.jp");
        Lead e = pool.get(4);
        e.person.companyName = "=HYPERLINK(\"http://x\")";
        Lead f = pool.get(5);
        f.person.firstName = "+Plus";
        for (int i = 0; i < COUNT; i++) {
            pool.get(i).special = true;
        }
    }
}
