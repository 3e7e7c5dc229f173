package dev.gampplanner.agent.sme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gampplanner.agent.sme.knowledge.ControlsFile.Control;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsRequirement;

/**
 * Checks a URS against the regulatory controls. A control applies when it has no {@code appliesWhen}
 * phrase or one of them occurs anywhere in the URS (title, introduction and metadata included, but not
 * the document's own category label, which the parser blanks); it is addressed when a requirement's
 * full text contains one of its {@code evidence} phrases.
 */
final class ComplianceChecker {

    private final List<Control> controls;

    ComplianceChecker(List<Control> controls) {
        this.controls = controls.stream().sorted(ControlCheck.CONTROL_ORDER).toList();
    }

    Compliance check(UrsDocument urs) {
        MatchText document = MatchText.of(urs.analysisText());
        Map<String, MatchText> requirements = new LinkedHashMap<>();
        urs.requirements().forEach(r -> requirements.put(r.id(), MatchText.of(r.fullText())));

        List<ControlCheck> applicable = new ArrayList<>();
        Map<String, List<String>> touched = new LinkedHashMap<>();
        urs.requirements().stream().map(UrsRequirement::id).forEach(id -> touched.put(id, new ArrayList<>()));
        for (Control control : controls) {
            if (!control.appliesWhen().isEmpty() && !document.containsAny(control.appliesWhen())) {
                continue;
            }
            List<String> addressedBy = new ArrayList<>();
            List<String> triggeredBy = new ArrayList<>();
            requirements.forEach((id, text) -> {
                if (text.containsAny(control.evidence())) {
                    addressedBy.add(id);
                    touched.get(id).add(control.id());
                }
                if (!control.appliesWhen().isEmpty() && text.containsAny(control.appliesWhen())) {
                    triggeredBy.add(id);
                }
            });
            applicable.add(new ControlCheck(control, addressedBy, triggeredBy));
        }
        return new Compliance(applicable, touched);
    }

    /**
     * @param applicable every control that applies to the URS, in control order
     * @param touchedBy per requirement id (URS order), the applicable controls it asks for, in control order
     */
    record Compliance(List<ControlCheck> applicable, Map<String, List<String>> touchedBy) {

        Compliance {
            applicable = List.copyOf(applicable);
            Map<String, List<String>> copy = new LinkedHashMap<>();
            touchedBy.forEach((id, controls) -> copy.put(id, List.copyOf(controls)));
            touchedBy = Collections.unmodifiableMap(copy);
        }

        List<ControlCheck> gaps() {
            return applicable.stream().filter(check -> !check.addressed()).sorted(ControlCheck.GAP_ORDER).toList();
        }

        List<String> controlsTouchedBy(String requirementId) {
            return touchedBy.getOrDefault(requirementId, List.of());
        }
    }
}
