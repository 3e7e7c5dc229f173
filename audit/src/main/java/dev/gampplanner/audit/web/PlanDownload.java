package dev.gampplanner.audit.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

import dev.gampplanner.client.PlanJson;
import dev.gampplanner.client.PlanMarkdown;
import dev.gampplanner.client.ProtocolDocx;
import dev.gampplanner.client.TraceabilityXlsx;
import dev.gampplanner.schema.MergedPlan;

/** A plan in each format the project writes, as the client renders it. */
enum PlanDownload {
    JSON("plan.json", "application/json", plan -> utf8(PlanJson.pretty(PlanJson.of(plan)))),
    MARKDOWN("plan.md", "text/markdown; charset=utf-8", plan -> utf8(PlanMarkdown.render(plan))),
    PROTOCOL("protocol.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ProtocolDocx::render),
    TRACEABILITY("traceability.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        TraceabilityXlsx::render);

    final String file;
    final String contentType;
    private final Function<MergedPlan, byte[]> render;

    PlanDownload(String file, String contentType, Function<MergedPlan, byte[]> render) {
        this.file = file;
        this.contentType = contentType;
        this.render = render;
    }

    byte[] render(MergedPlan plan) {
        return render.apply(plan);
    }

    static Optional<PlanDownload> byFile(String file) {
        return Arrays.stream(values()).filter(d -> d.file.equals(file)).findFirst();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
