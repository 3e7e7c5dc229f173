package dev.gampplanner.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import dev.gampplanner.schema.GapAction;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.TracedRequirement;

/**
 * The traceability matrix as a workbook: one row per requirement (testability, risk, failure mode,
 * clauses, tests and their stages), one per test, and one per compliance gap with what closes it.
 */
public final class TraceabilityXlsx {

    public static final List<String> MATRIX_COLUMNS = List.of("Requirement", "Text", "Section", "Testability", "Testability reason",
        "Risk", "RPN", "Failure mode", "Effect", "Cause", "Clauses", "Tests", "Stages");

    private TraceabilityXlsx() {
    }

    public static byte[] render(MergedPlan plan) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Map<String, PlannedTest> tests = plan.getTests().stream().collect(Collectors.toMap(PlannedTest::getId, Function.identity()));
            Sheet matrix = sheet(book, "Traceability", MATRIX_COLUMNS, bold);
            for (TracedRequirement r : plan.getRequirements()) {
                row(matrix, List.of(r.getId(), r.getText(), r.getSection(), r.getTestability().name(), orEmpty(r.getTestabilityReason()),
                    r.getRiskLevel() == null ? "" : r.getRiskLevel().name(), r.getRpn() == null ? "" : String.valueOf(r.getRpn()),
                    orEmpty(r.getFailureMode()), orEmpty(r.getEffect()), orEmpty(r.getCause()), String.join(", ", r.getClauses()),
                    String.join(", ", r.getTestIds()),
                    r.getTestIds().stream().map(id -> tests.get(id).getStage().name()).distinct().collect(Collectors.joining(", "))));
            }
            Sheet testSheet = sheet(book, "Tests", List.of("Test", "Stage", "Title", "Type", "Priority", "Scripted", "Steps",
                "Requirements"), bold);
            for (PlannedTest t : plan.getTests()) {
                row(testSheet, List.of(t.getId(), t.getStage().name(), t.getTitle(), t.getType(), t.getPriorityLevel().name(),
                    t.getScripted() ? "yes" : "no (charter)", String.valueOf(t.getSteps().size()), String.join(", ", t.getRequirementIds())));
            }
            Sheet gaps = sheet(book, "Gaps", List.of("Control", "Reference", "Severity", "Scope", "Action", "Owner", "Tests"), bold);
            for (GapAction g : plan.getGapActions()) {
                row(gaps, List.of(g.getControlId(), g.getReference(), g.getSeverityLevel().name(), g.getScope().name(), g.getAction(),
                    g.getOwnerRole(), String.join(", ", g.getTestIds())));
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the traceability matrix of " + plan.getSource() + " as XLSX", e);
        }
    }

    private static Sheet sheet(XSSFWorkbook book, String name, List<String> header, CellStyle bold) {
        Sheet sheet = book.createSheet(name);
        Row row = sheet.createRow(0);
        for (int i = 0; i < header.size(); i++) {
            row.createCell(i).setCellValue(header.get(i));
            row.getCell(i).setCellStyle(bold);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void row(Sheet sheet, List<String> cells) {
        Row row = sheet.createRow(sheet.getLastRowNum() + 1);
        for (int i = 0; i < cells.size(); i++) {
            row.createCell(i).setCellValue(cells.get(i));
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
