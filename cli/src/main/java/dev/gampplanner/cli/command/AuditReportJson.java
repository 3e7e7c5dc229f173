package dev.gampplanner.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.Check;

/** A verification as one JSON object: the counts, every failure with its record's position, and what was signed how. */
final class AuditReportJson {

    private AuditReportJson() {
    }

    static ObjectNode of(AuditReport report) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode node = json.objectNode();
        node.put("ok", report.ok());
        node.put("records", report.records().size());
        node.put("plans", report.plans());
        node.put("checks", report.checks().size());
        ArrayNode failures = node.putArray("failures");
        for (Check failure : report.failures()) {
            failures.addObject()
                .put("kind", failure.kind().name())
                .put("position", failure.record().position())
                .put("topic", failure.record().topic())
                .put("partition", failure.record().partition())
                .put("offset", failure.record().offset())
                .put("type", failure.record().type())
                .put("key", failure.record().key())
                .put("text", failure.text());
        }
        ObjectNode signatures = node.putObject("signatures");
        report.signatureCounts().forEach((verdict, count) -> signatures.put(verdict.name(), count));
        ArrayNode notSigning = node.putArray("notSigning");
        report.notSigning().stream().sorted().forEach(signer -> notSigning.add(signer.name()));
        return node;
    }
}
