package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.PlanJson;
import dev.gampplanner.client.PlanMarkdown;
import dev.gampplanner.client.ProtocolDocx;
import dev.gampplanner.client.TraceabilityXlsx;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.planner.OfflinePlanner;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.Testability;

/** The files a QA department files — protocol as DOCX, traceability matrix as XLSX — opened and read back. */
class PlanDocumentsTest {

    private static MergedPlan ems;
    private static MergedPlan cds;

    @BeforeAll
    static void plan() {
        OfflinePlanner planner = new OfflinePlanner(GampConfig.fromEnvironment(Map.of()), ServiceCatalog.agents());
        ems = plan(planner, "URS-001.md");
        cds = plan(planner, "URS-004.md");
    }

    private static MergedPlan plan(OfflinePlanner planner, String name) {
        UrsFile file = UrsFile.bundledExamples().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        return planner.trace(file.name(), file.text(), null, "documents test").plan();
    }

    @Test
    void theProtocolDocumentHasTheApprovalBlockTheStagesAndEveryStepWithItsExecutionFields() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(ProtocolDocx.render(ems)))) {
            List<String> headings = doc.getParagraphs().stream().filter(p -> p.getStyle() != null && p.getStyle().startsWith("Heading"))
                .map(XWPFParagraph::getText).toList();
            assertThat(headings).contains("Protocol approval", "Installation qualification (IQ)", "Operational qualification (OQ)",
                "Performance qualification (PQ) and supplier evidence");
            XWPFTable approvals = doc.getTables().get(0);
            assertThat(approvals.getRows()).hasSize(4);
            assertThat(approvals.getRow(1).getCell(1).getText()).startsWith("Authored");
            assertThat(approvals.getRow(3).getCell(0).getText()).isEqualTo("Quality Assurance");
            List<XWPFTable> stepTables = doc.getTables().stream()
                .filter(t -> t.getRow(0).getTableCells().stream().map(XWPFTableCell::getText).toList().contains("Pass/Fail")).toList();
            List<PlannedTest> scripted = ems.getTests().stream().filter(PlannedTest::getScripted).toList();
            assertThat(stepTables).hasSize(scripted.size());
            for (int i = 0; i < scripted.size(); i++) {
                PlannedTest test = scripted.get(i);
                XWPFTable table = stepTables.get(i);
                assertThat(table.getRows()).as(test.getId()).hasSize(test.getSteps().size() + 1);
                assertThat(table.getRow(1).getCell(1).getText()).isEqualTo(test.getSteps().get(0).getAction());
                assertThat(table.getRow(1).getCell(2).getText()).isEqualTo(test.getSteps().get(0).getExpectedResult());
                assertThat(table.getRow(1).getCell(4).getText()).as("actual result is left for the tester").isEmpty();
            }
            assertThat(doc.getParagraphs()).anyMatch(p -> p.getText().contains("21 CFR 11.50"));
        }
    }

    @Test
    void theTraceabilityWorkbookHasARowPerRequirementWithTestabilityRiskFailureModeAndStages() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(TraceabilityXlsx.render(cds)))) {
            Sheet matrix = book.getSheet("Traceability");
            assertThat(matrix.getLastRowNum()).isEqualTo(cds.getRequirements().size());
            Row header = matrix.getRow(0);
            for (int i = 0; i < TraceabilityXlsx.MATRIX_COLUMNS.size(); i++) {
                assertThat(header.getCell(i).getStringCellValue()).isEqualTo(TraceabilityXlsx.MATRIX_COLUMNS.get(i));
            }
            for (int r = 1; r <= matrix.getLastRowNum(); r++) {
                Row row = matrix.getRow(r);
                var requirement = cds.getRequirements().get(r - 1);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(requirement.getId());
                assertThat(row.getCell(3).getStringCellValue()).isEqualTo(requirement.getTestability().name());
                assertThat(row.getCell(7).getStringCellValue()).as("failure mode").isNotBlank();
                if (requirement.getTestability() == Testability.CLARIFY) {
                    assertThat(row.getCell(4).getStringCellValue()).isNotBlank();
                } else {
                    assertThat(row.getCell(11).getStringCellValue()).as("tests").isNotBlank();
                    assertThat(row.getCell(12).getStringCellValue()).as("stages").matches("(IQ|OQ|PQ)(, (IQ|OQ|PQ))*");
                }
            }
            long clarify = cds.getRequirements().stream().filter(r -> r.getTestability() == Testability.CLARIFY).count();
            assertThat(clarify).as("the CDS has requirements to clarify").isPositive();
            assertThat(book.getSheet("Tests").getLastRowNum()).isEqualTo(cds.getTests().size());
            assertThat(book.getSheet("Gaps").getLastRowNum()).isEqualTo(cds.getGapActions().size());
        }
    }

    @Test
    void theJsonAndMarkdownCarryTheProtocolFieldsToolsRelyOn() {
        JsonNode json = PlanJson.of(ems);
        for (JsonNode test : json.get("tests")) {
            assertThat(test.get("stage").asText()).isIn("IQ", "OQ", "PQ");
            assertThat(test.get("prerequisites").isArray()).isTrue();
            assertThat(test.get("testData").isArray()).isTrue();
            for (JsonNode step : test.get("steps")) {
                assertThat(step.fieldNames()).toIterable().contains("number", "action", "expectedResult", "evidence");
            }
        }
        for (JsonNode requirement : json.get("requirements")) {
            assertThat(requirement.get("testability").asText()).isIn("TESTABLE", "CLARIFY");
            assertThat(requirement.has("testabilityReason")).isTrue();
            assertThat(requirement.get("failureMode").asText()).isNotBlank();
            assertThat(requirement.has("effect") && requirement.has("cause")).isTrue();
        }
        String markdown = PlanMarkdown.render(ems);
        assertThat(markdown).contains("## Protocol approval", "## Installation qualification (IQ)",
            "| Step | Action | Expected result | Evidence | Actual result | Pass/Fail |", "Deviation reference");
    }
}
