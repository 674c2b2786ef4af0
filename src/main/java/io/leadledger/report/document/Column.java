package io.leadledger.report.document;

public record Column(String key, String label, ValueType type) {
}
