package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.codec.Digests;

/**
 * What a validation engineer reads of every example's plan — the Markdown, the JSON, the text of the
 * protocol document and of the traceability workbook — compared by SHA-256 with the recorded text.
 * A change of how plans are encoded on the wire must leave these alone. After a deliberate change
 * of what a plan says, record the new digests with {@code -Dgolden.write=true}.
 */
class GoldenRenderingsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/renderings.sha256");
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void everyExampleRendersToTheRecordedText() throws IOException {
        OfflinePlanner planner = new OfflinePlanner(GampConfig.fromEnvironment(Map.of()), ServiceCatalog.agents());
        List<String> lines = new ArrayList<>();
        for (UrsFile file : UrsFile.bundledExamples()) {
            CorrelationId id = CorrelationId.parse(UUID.nameUUIDFromBytes(file.name().getBytes(StandardCharsets.UTF_8)).toString());
            MergedPlan plan = planner.trace(id, AT, file.name(), file.text(), null, "golden").plan();
            lines.add(file.name() + " markdown " + digest(PlanMarkdown.render(plan)));
            lines.add(file.name() + " json " + digest(PlanJson.pretty(PlanJson.of(plan))));
            lines.add(file.name() + " docx " + digest(docxText(ProtocolDocx.render(plan))));
            lines.add(file.name() + " xlsx " + digest(xlsxText(TraceabilityXlsx.render(plan))));
        }
        if (Boolean.getBoolean("golden.write")) {
            Files.write(GOLDEN, lines, StandardCharsets.UTF_8);
        }
        assertThat(lines).containsExactlyElementsOf(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8));
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
