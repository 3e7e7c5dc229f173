package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.PlanJson;
import dev.gampplanner.client.PlanMarkdown;
import dev.gampplanner.client.ProtocolDocx;
import dev.gampplanner.client.TraceabilityXlsx;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.planner.OfflinePlanner;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.codec.Digests;

/**
 * What a validation engineer reads of every example's plan — the Markdown, the JSON, the text of the
 * protocol document and of the traceability workbook — compared by SHA-256 with the recorded text.
 * A change of how plans are encoded on the wire must leave these alone (the agent results' digests
 * shown are left out: they are of the encoding). After a deliberate change
 * of what a plan says, record the new digests with {@code -Dgolden.write=true}.
 */
class GoldenRenderingsTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void everyExampleRendersToTheRecordedText() throws IOException {
        OfflinePlanner planner = new OfflinePlanner(GampConfig.fromEnvironment(Map.of()), ServiceCatalog.agents());
        List<String> lines = new ArrayList<>();
        for (UrsFile file : UrsFile.bundledExamples()) {
            CorrelationId id = CorrelationId.parse(UUID.nameUUIDFromBytes(file.name().getBytes(StandardCharsets.UTF_8)).toString());
            MergedPlan plan = planner.trace(id, AT, file.name(), file.text(), null, "golden").plan();
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("markdown", PlanMarkdown.render(plan));
            texts.put("json", PlanJson.pretty(PlanJson.of(plan)));
            texts.put("docx", docxText(ProtocolDocx.render(plan)));
            texts.put("xlsx", xlsxText(TraceabilityXlsx.render(plan)));
            for (Map.Entry<String, String> text : texts.entrySet()) {
                String read = withoutResultDigests(plan, text.getValue());
                lines.add(file.name() + " " + text.getKey() + " " + digest(read));
                dump(file.name() + "." + text.getKey(), read);
            }
        }
        if (Boolean.getBoolean("golden.write")) {
            Files.write(GoldenFiles.toWrite("renderings.sha256"), lines, StandardCharsets.UTF_8);
        }
        Path golden = GoldenFiles.matching("renderings.sha256", lines, line -> true);
        assertThat(lines).as(GoldenFiles.describe(golden)).containsExactlyElementsOf(GoldenFiles.lines(golden, line -> true));
    }

    /** The digests of the agent results are of their encoding, which GoldenPlansTest watches. */
    private static String withoutResultDigests(MergedPlan plan, String text) {
        String read = text;
        for (AgentOutcome outcome : plan.getAgents()) {
            if (outcome.getResultSha256() != null) {
                String label = "<" + outcome.getAgent() + " result SHA-256>";
                read = read.replace(outcome.getResultSha256(), label).replace(outcome.getResultSha256().substring(0, 16), label);
            }
        }
        return read;
    }

    /** With {@code -Dgolden.dump=<dir>}, the texts compared, to see what a change of them changed. */
    private static void dump(String name, String text) throws IOException {
        String dir = System.getProperty("golden.dump");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name), text, StandardCharsets.UTF_8);
        }
    }

    private static String digest(String text) {
        return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String docxText(byte[] docx) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            return extractor.getText();
        }
    }

    private static String xlsxText(byte[] xlsx) throws IOException {
        DataFormatter format = new DataFormatter();
        StringBuilder text = new StringBuilder();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                text.append("# ").append(sheet.getSheetName()).append('\n');
                for (Row row : sheet) {
                    row.forEach(cell -> text.append(format.formatCellValue(cell)).append('\t'));
                    text.append('\n');
                }
            }
        }
        return text.toString();
    }
}
