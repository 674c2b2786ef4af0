package io.leadledger.report;

public record Definition(String term, String meaning) {
}
