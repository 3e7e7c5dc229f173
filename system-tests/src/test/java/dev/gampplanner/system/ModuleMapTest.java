package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README's module map names exactly the modules the build has, so a newcomer reads the real layout. */
class ModuleMapTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theReadmeModuleMapMatchesTheBuild() throws IOException {
        List<String> built = all(Pattern.compile("<module>([^<]+)</module>"), Files.readString(ROOT.resolve("pom.xml")));
        String readme = Files.readString(ROOT.resolve("README.md"));
        String layout = readme.substring(readme.indexOf("## Project layout"));
        layout = layout.substring(0, layout.indexOf("\n## ", 3));
        List<String> mapped = new ArrayList<>();
        for (String row : layout.lines().filter(line -> line.startsWith("| `")).toList()) {
            String firstCell = row.substring(1, row.indexOf('|', 1));
            mapped.addAll(all(Pattern.compile("`([^`]+)`"), firstCell));
        }
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(built);
        built.forEach(module -> assertThat(ROOT.resolve(module).resolve("pom.xml")).exists());
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
