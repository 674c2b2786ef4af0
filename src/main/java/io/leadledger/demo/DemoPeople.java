package io.leadledger.demo;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fake companies and people: names by country, company names with legal forms, unique e-mail addresses at the
 * company's domain (or free-mail). One instance per generation run: it remembers the names and addresses handed out.
 */
final class DemoPeople {

    enum Region {
        US("USD", 0.60), UK("GBP", 0.12), DE("EUR", 0.10), FR("EUR", 0.06), NL("EUR", 0.05), ES("EUR", 0.03),
        IT("EUR", 0.02), NORDIC("EUR", 0.02);

        final String currency;
        final double weight;

        Region(String currency, double weight) {
            this.currency = currency;
            this.weight = weight;
        }
    }

    static final class Company {
        final String name;
        final String domain;
        final Region region;

        Company(String name, String domain, Region region) {
            this.name = name;
            this.domain = domain;
            this.region = region;
        }
    }

    static final class Person {
        String firstName;
        String lastName;
        String email; // canonical, lower case
        String companyName; // as typed into the form; may be empty
        final Company company;
        final boolean freeMail;

        Person(String firstName, String lastName, String email, String companyName, Company company, boolean freeMail) {
            this.firstName = firstName;
            this.lastName = lastName;
            this.email = email;
            this.companyName = companyName;
            this.company = company;
            this.freeMail = freeMail;
        }
    }

    // ---- name pools (immutable) ----
    private static final List<String> US_FIRST = List.of("Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia",
            "Mason", "Isabella", "Lucas", "Mia", "James", "Charlotte", "Benjamin", "Amelia", "Elijah", "Harper", "Logan",
            "Evelyn", "Alexander", "Abigail", "Daniel", "Emily", "Michael", "Ella", "Jacob", "Madison", "Jackson",
            "Scarlett", "Aiden", "Grace", "Samuel", "Chloe", "Carter", "Victoria", "Wyatt", "Riley", "Jayden", "Aria",
            "Owen", "Lily", "Dylan", "Natalie", "Caleb", "Zoe", "Nathan", "Hannah", "Ryan", "Layla", "Priya", "Wei",
            "Arjun", "Mei", "Carlos", "Maria", "Andre", "Keisha", "Jamal", "Tyler", "Megan");
    private static final List<String> US_LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
            "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
            "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter",
            "Roberts", "Patel", "Chen", "Kim", "Shah", "O'Brien", "Murphy", "Cohen", "Reyes", "Bennett", "Foster");
    private static final List<String> UK_FIRST = List.of("Oliver", "George", "Harry", "Jack", "Charlie", "Thomas",
            "Oscar", "William", "James", "Henry", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Florence", "Freya",
            "Poppy", "Sophie", "Alfie", "Archie", "Evie", "Rosie", "Imogen", "Rhys", "Callum", "Niamh", "Siobhan", "Fiona");
    private static final List<String> UK_LAST = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
            "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
            "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Lewis", "Harrison", "Patel", "Khan", "Murray", "Campbell",
            "Stewart", "Fraser");
    private static final List<String> DE_FIRST = List.of("Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix",
            "Maximilian", "Jürgen", "Stefan", "Tobias", "Anna", "Lena", "Laura", "Lea", "Hannah", "Sophie", "Katharina",
            "Julia", "Jörg", "Sören", "Björn", "Ursula", "Sabine", "Anja", "Zoë", "Matthias", "Niklas", "Dominik",
            "Franziska", "Mareike");
    private static final List<String> DE_LAST = List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
            "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
            "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner",
            "Krause", "Meier", "Lehmann", "Köhler", "Weiß");
    private static final List<String> FR_FIRST = List.of("Louis", "Gabriel", "Jules", "Adam", "Hugo", "Léo", "Raphaël",
            "Arthur", "Lucas", "Théo", "Emma", "Jade", "Louise", "Alice", "Chloé", "Léa", "Manon", "Inès", "Camille",
            "Zoé", "Hélène", "François", "Amélie", "Céline", "Mathis", "Noémie", "Benoît", "Sébastien", "Margaux", "Élodie");
    private static final List<String> FR_LAST = List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
            "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand",
            "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
            "François", "Fontaine", "Rousseau");
    private static final List<String> NL_FIRST = List.of("Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Bram",
            "Thijs", "Ruben", "Sven", "Emma", "Julia", "Sophie", "Tess", "Anouk", "Fenna", "Sanne", "Lotte", "Eva", "Noor",
            "Maarten", "Joris", "Femke", "Ilse", "Wouter", "Sjoerd", "Zoë", "Bas", "Jeroen", "Marieke");
    private static final List<String> NL_LAST = List.of("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk",
            "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
            "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
            "Kok", "Jacobs", "de Haan", "Vermeulen", "van der Linden");
    private static final List<String> ES_FIRST = List.of("José", "Antonio", "Manuel", "Francisco", "David", "Javier",
            "Daniel", "Carlos", "Alejandro", "Pablo", "María", "Carmen", "Lucía", "Ana", "Laura", "Marta", "Sofía",
            "Paula", "Elena", "Cristina", "Sergio", "Álvaro", "Jesús", "Raúl", "Begoña", "Nuria", "Iñaki", "Íñigo",
            "Rocío", "Núria");
    private static final List<String> ES_LAST = List.of("García", "Fernández", "González", "Rodríguez", "López",
            "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz",
            "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil",
            "Ramírez", "Serrano", "Blanco", "Núñez");
    private static final List<String> IT_FIRST = List.of("Francesco", "Alessandro", "Lorenzo", "Matteo", "Andrea",
            "Leonardo", "Gabriele", "Riccardo", "Marco", "Luca", "Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Emma",
            "Giorgia", "Chiara", "Martina", "Sara", "Niccolò", "Federica", "Elisa", "Paolo", "Davide");
    private static final List<String> IT_LAST = List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
            "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
            "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi");
    private static final List<String> NORDIC_FIRST = List.of("Lars", "Erik", "Anders", "Johan", "Mikael", "Søren",
            "Mads", "Rasmus", "Oskar", "Bjørn", "Astrid", "Ingrid", "Freja", "Maja", "Elin", "Sofie", "Åsa", "Linnea",
            "Sigrid", "Kari", "Henrik", "Magnus", "Nils", "Jens", "Karin");
    private static final List<String> NORDIC_LAST = List.of("Andersson", "Johansson", "Karlsson", "Nilsson",
            "Eriksson", "Larsson", "Olsson", "Persson", "Hansen", "Jensen", "Nielsen", "Pedersen", "Christensen",
            "Lindström", "Lindqvist", "Berg", "Dahl", "Haugen", "Bakken", "Sørensen", "Kristiansen", "Lund", "Holm",
            "Virtanen", "Korhonen");

    private static final List<String> PREFIXES = List.of("Bright", "Blue", "Clear", "North", "Silver", "Quantum",
            "Iron", "Swift", "True", "Open", "Red", "Green", "Summit", "Pine", "Harbor", "Atlas", "Nova", "Vertex", "Apex",
            "Cobalt", "Lumen", "Stone", "River", "Peak", "Echo", "Orbit", "Prime", "Cedar", "Maple", "Falcon", "Helix",
            "Kite", "Lark", "Mosaic", "Nimbus", "Onyx", "Polar", "Quill", "Rapid", "Sage", "Tidal", "Vivid", "Zen",
            "Amber", "Crimson", "Delta", "Ember", "Fjord", "Granite", "Indigo", "Juniper", "Keystone", "Lattice", "Beacon",
            "Copper", "Drift", "Everest", "Frost", "Golden", "Hyper", "Aurora", "Birch", "Canyon", "Dune", "Elm", "Flint",
            "Glacier", "Haven", "Jade", "Lunar");
    private static final List<String> CORES = List.of("layer", "path", "stack", "works", "forge", "loop", "bridge",
            "point", "scale", "line", "wave", "field", "gate", "mind", "sphere", "craft", "flow", "grid", "hub", "nest",
            "ridge", "signal", "spark", "vault", "yard", "metrics", "logic", "labs", "ware", "cloud", "ledger", "mark",
            "port", "shift", "trail", "wise", "byte", "core", "dock", "frame", "base", "beam", "bit", "cast", "desk",
            "link", "mint", "pulse", "rise", "sight");
    private static final List<String> INDUSTRIES = List.of("Logistics", "Health", "Capital", "Foods", "Energy",
            "Robotics", "Insurance", "Retail", "Media", "Manufacturing", "Biotech", "Payments", "Mobility", "Security",
            "Software", "Systems", "Partners", "Group", "Consulting", "Solutions");
    private static final List<String> SURNAME_FORMS = List.of("%s & Partner", "%s Group", "%s Industries", "%s & Co",
            "%s Holdings", "%s Brothers");

    private static final List<String> FREE_MAIL = List.of("gmail.com", "gmail.com", "gmail.com", "gmail.com",
            "outlook.com", "outlook.com", "yahoo.com");

    private final Set<String> companyBases = new HashSet<>();
    private final Set<String> domains = new HashSet<>();
    private final Set<String> emails = new HashSet<>();

    Region region(Random r) {
        double u = r.nextDouble();
        for (Region region : Region.values()) {
            u -= region.weight;
            if (u < 0) {
                return region;
            }
        }
        return Region.US;
    }

    Company newCompany(Random r) {
        Region region = region(r);
        for (int attempt = 0; ; attempt++) {
            String base;
            double form = r.nextDouble();
            if (form < 0.55) {
                base = pick(PREFIXES, r) + pick(CORES, r);
            } else if (form < 0.75) {
                base = pick(PREFIXES, r) + " " + pick(INDUSTRIES, r);
            } else if (form < 0.90) {
                String core = pick(CORES, r);
                base = pick(PREFIXES, r) + core + " " + pick(INDUSTRIES, r);
            } else {
                base = String.format(Locale.ROOT, pick(SURNAME_FORMS, r), pick(lastNames(region), r));
            }
            if (attempt > 50) {
                base = base + " " + (attempt - 49);
            }
            String slug = ascii(base).toLowerCase(Locale.ROOT).replace("&", " ").trim();
            boolean hyphen = slug.contains(" ") && r.nextDouble() < 0.35;
            slug = SPACES.matcher(slug).replaceAll(hyphen ? "-" : "");
            String domain = slug + pick(tlds(region), r);
            if (companyBases.add(base)) {
                if (!domains.add(domain)) {
                    companyBases.remove(base);
                    continue;
                }
                return new Company(base + pick(legalForms(region), r), domain, region);
            }
        }
    }

    /** A new person at the company; about 8% use a free-mail address. */
    Person newPerson(Company company, Random r) {
        Region region = company.region;
        // people mostly carry names of the company's country, some are international
        Region nameRegion = r.nextDouble() < 0.8 ? region : (r.nextBoolean() ? Region.US : region(r));
        String first = pick(firstNames(nameRegion), r);
        String last = pick(lastNames(nameRegion), r);
        boolean freeMail = r.nextDouble() < 0.08;
        String email;
        if (freeMail) {
            String local = slug(first) + (r.nextBoolean() ? "." : "") + slug(last);
            if (r.nextDouble() < 0.6) {
                local += (r.nextBoolean() ? "" : ".") + (r.nextDouble() < 0.5 ? String.valueOf(r.nextInt(99) + 1) : String.valueOf(1960 + r.nextInt(40)));
            }
            email = unique(local, pick(FREE_MAIL, r));
        } else {
            email = unique(localPart(first, last, r), company.domain);
        }
        String companyName = freeMail && r.nextDouble() < 0.15 ? "" : company.name;
        return new Person(first, last, email, companyName, company, freeMail);
    }

    /** Reserve an address; on collision a number is appended to the local part. */
    String unique(String local, String domain) {
        String candidate = local + "@" + domain;
        for (int n = 2; !emails.add(candidate); n++) {
            candidate = local + n + "@" + domain;
        }
        return candidate;
    }

    private static String localPart(String first, String last, Random r) {
        String f = slug(first);
        String l = slug(last);
        double u = r.nextDouble();
        if (u < 0.55) {
            return f + "." + l;
        } else if (u < 0.70) {
            return f.charAt(0) + l;
        } else if (u < 0.78) {
            return f;
        } else if (u < 0.84) {
            return f + "_" + l;
        } else if (u < 0.90) {
            return f + l.charAt(0);
        } else if (u < 0.95) {
            return f + "." + l.charAt(0);
        }
        return f.charAt(0) + "." + l;
    }

    /** Lower-case ASCII for e-mail addresses: "Müller" → "muller", "O'Brien" → "obrien", "van den Berg" → "vandenberg". */
    static String slug(String name) {
        return NOT_SLUG.matcher(ascii(name).toLowerCase(Locale.ROOT)).replaceAll("");
    }

    static String ascii(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            plain = s.charAt(i) < 128;
        }
        if (plain) {
            return s;
        }
        String t = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "AE")
                .replace("ł", "l").replace("Ł", "L");
        return MARKS.matcher(Normalizer.normalize(t, Normalizer.Form.NFD)).replaceAll("");
    }

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9-]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    private static List<String> firstNames(Region region) {
        return switch (region) {
            case US -> US_FIRST;
            case UK -> UK_FIRST;
            case DE -> DE_FIRST;
            case FR -> FR_FIRST;
            case NL -> NL_FIRST;
            case ES -> ES_FIRST;
            case IT -> IT_FIRST;
            case NORDIC -> NORDIC_FIRST;
        };
    }

    private static List<String> lastNames(Region region) {
        return switch (region) {
            case US -> US_LAST;
            case UK -> UK_LAST;
            case DE -> DE_LAST;
            case FR -> FR_LAST;
            case NL -> NL_LAST;
            case ES -> ES_LAST;
            case IT -> IT_LAST;
            case NORDIC -> NORDIC_LAST;
        };
    }

    private static List<String> legalForms(Region region) {
        return switch (region) {
            case US -> List.of("", "", " Inc.", ", Inc.", " LLC", " Corp.", " Co.");
            case UK -> List.of("", " Ltd", " Ltd.", " Limited", " plc");
            case DE -> List.of(" GmbH", " GmbH", " AG", "", " SE");
            case FR -> List.of(" SAS", " SA", "");
            case NL -> List.of(" B.V.", " BV", "");
            case ES -> List.of(" S.L.", " S.A.", "");
            case IT -> List.of(" S.p.A.", " S.r.l.", "");
            case NORDIC -> List.of(" AB", " AS", " ApS", "");
        };
    }

    private static List<String> tlds(Region region) {
        return switch (region) {
            case US -> List.of(".com", ".com", ".io", ".ai", ".co");
            case UK -> List.of(".co.uk", ".co.uk", ".com", ".io");
            case DE -> List.of(".de", ".de", ".com", ".io");
            case FR -> List.of(".fr", ".fr", ".com", ".io");
            case NL -> List.of(".nl", ".nl", ".com", ".io");
            case ES -> List.of(".es", ".com", ".io");
            case IT -> List.of(".it", ".com");
            case NORDIC -> List.of(".se", ".dk", ".no", ".com", ".io");
        };
    }
}
