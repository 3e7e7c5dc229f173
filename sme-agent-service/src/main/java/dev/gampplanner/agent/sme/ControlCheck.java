package dev.gampplanner.agent.sme;

import java.util.Comparator;
import java.util.List;

import dev.gampplanner.agent.sme.knowledge.ControlsFile.Control;

/**
 * An applicable control and what the URS says about it.
 *
 * @param addressedBy the requirements whose text contains one of its evidence phrases, in URS order
 * @param triggeredBy the requirements whose text contains one of its appliesWhen phrases, in URS order;
 *     empty for a control that applies to every system
 */
record ControlCheck(Control control, List<String> addressedBy, List<String> triggeredBy) {

    /** Framework in declared order (Part 11, Annex 11, ALCOA+), then id in natural order. */
    static final Comparator<Control> CONTROL_ORDER = Comparator.comparing(Control::framework)
        .thenComparing(Control::id, IdOrder.NATURAL);

    /** Most severe gap first, then in control order. */
    static final Comparator<ControlCheck> GAP_ORDER = Comparator
        .comparing((ControlCheck check) -> check.control().severity()).reversed()
        .thenComparing(ControlCheck::control, CONTROL_ORDER);

    ControlCheck {
        addressedBy = List.copyOf(addressedBy);
        triggeredBy = List.copyOf(triggeredBy);
    }

    boolean addressed() {
        return !addressedBy.isEmpty();
    }

    String id() {
        return control.id();
    }
}
