package io.leadledger.report;

public record Column(String key, String label, ValueType type) {
}
