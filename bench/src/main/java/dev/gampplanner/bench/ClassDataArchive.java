package dev.gampplanner.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.runtime.config.Setting;

/**
 * The class-data sharing archive of a service process: the classes an earlier run of the same command loaded, mapped
 * from one file at start instead of being read, parsed and verified again. An archive is only valid for the exact
 * runtime and class path it was made with, so there is one per Java runtime, class path (each entry with its size and
 * modification time), JVM options and gamp arguments; the JVM finds no other.
 *
 * <p>With no archive yet the process writes one at its exit to a name of its own, and {@link #settle} moves it into
 * place only after a clean exit: a process killed or crashed while writing leaves a torn file, and the JVM does not
 * check an archive's length (a truncated one crashes the next start with SIGBUS). Two processes training the same
 * archive at once each write their own file and the last rename wins, whole. An archive that does not match after all
 * is ignored by the JVM (its warning silenced) and, once a start is seen not to map it, removed so the next run makes
 * it again. A class path holding a directory of classes (a build's own output) gets none: the JVM archives classes
 * from jars only, and refuses to write an archive for such a path.
 */
public final class ClassDataArchive {

    public static final String DIRECTORY_VARIABLE = Setting.CDS_DIR.variable();

    /** The JVM's own messages about archives: classes it skips while writing one, an archive it cannot use. */
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";
    /** Exit codes of a JVM that ran its shutdown (and so wrote the archive whole): normal exit, SIGINT, SIGTERM. */
    private static final Set<Integer> CLEAN_EXITS = Set.of(0, 130, 143);
    /** Archives and unfinished files of the same command left unused this long are removed. */
    private static final Duration UNUSED = Duration.ofDays(1);
    private static final String SUFFIX = ".jsa";
    private static final String TRAINING_SUFFIX = ".training";
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);

    private final Path archive;
    private final Path training;

    private ClassDataArchive(Path archive, Path training) {
        this.archive = archive;
        this.training = training;
    }

    /** No archive: the process runs as it would without class-data sharing of its own. */
    public static ClassDataArchive none() {
        return new ClassDataArchive(null, null);
    }

    /**
     * The archive of a process started as {@code java JVM_OPTIONS -cp CLASS_PATH MAIN ARGUMENTS} in this environment;
     * none when {@code GAMP_CDS_DIR} is empty or its directory cannot be used.
     */
    public static ClassDataArchive of(Map<String, String> environment, List<String> jvmOptions, String classPath,
                                      List<String> arguments) {
        String directory = environment.getOrDefault(DIRECTORY_VARIABLE, Setting.CDS_DIR.defaultValue());
        if (directory.isBlank() || Arrays.stream(classPath.split(File.pathSeparator)).anyMatch(ClassDataArchive::nonEmptyDirectory)) {
            // The JVM archives classes from jars only, and fails at exit on a class path with a directory of classes.
            return none();
        }
        String command = String.join("-", arguments).replaceAll("[^A-Za-z0-9-]", "_");
        Path dir = Path.of(directory);
        Path archive = dir.resolve(command + "-" + key(jvmOptions, classPath, arguments) + SUFFIX);
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(archive)) {
                Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
                return new ClassDataArchive(archive, null);
            }
            removeUnused(dir, command);
            return new ClassDataArchive(archive, dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + TRAINING_SUFFIX));
        } catch (IOException e) {
            LOG.warn("no class-data sharing archive for '{}': {}", String.join(" ", arguments), e.toString());
            return none();
        }
    }

    /** The JVM options that map the archive, or write it at exit; none when there is no archive. */
    public List<String> jvmOptions() {
        if (archive == null) {
            return List.of();
        }
        return training == null ? List.of("-XX:SharedArchiveFile=" + archive, QUIET)
            : List.of("-XX:ArchiveClassesAtExit=" + training, QUIET);
    }

    /** Whether the process starts from an archive made earlier (rather than making one, or running without). */
    public boolean existing() {
        return archive != null && training == null;
    }

    /**
     * Whether the running process, once started (past its JVM's initialisation), has the archive mapped, from its memory map (Linux). An existing archive it did not
     * map is one the JVM refused; it is removed, so the next start makes a good one.
     */
    public boolean mappedBy(long pid) {
        if (!existing()) {
            return false;
        }
        try (var lines = Files.lines(Path.of("/proc", String.valueOf(pid), "maps"))) {
            String name = archive.toAbsolutePath().toString();
            if (lines.anyMatch(line -> line.endsWith(name))) {
                return true;
            }
        } catch (IOException | java.io.UncheckedIOException gone) {
            return false;
        }
        LOG.warn("the JVM did not map the class-data sharing archive {}; removed, the next start makes it again", archive);
        deleteQuietly(archive);
        return false;
    }

    /** After the process exited: the archive it wrote is moved into place after a clean exit, otherwise thrown away. */
    public void settle(int exitCode) {
        if (training == null || !Files.exists(training)) {
            return;
        }
        if (!CLEAN_EXITS.contains(exitCode)) {
            deleteQuietly(training);
            return;
        }
        try {
            Files.move(training, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot keep the class-data sharing archive {}: {}", archive, e.toString());
            deleteQuietly(training);
        }
    }

    private static boolean nonEmptyDirectory(String entry) {
        try (Stream<Path> files = Files.list(Path.of(entry))) {
            return files.findAny().isPresent();
        } catch (IOException | java.io.UncheckedIOException notADirectory) {
            return false;
        }
    }

    private static String key(List<String> jvmOptions, String classPath, List<String> arguments) {
        StringBuilder identity = new StringBuilder()
            .append(System.getProperty("java.home")).append('\n')
            .append(System.getProperty("java.vm.vendor")).append(' ').append(Runtime.version()).append('\n');
        jvmOptions.forEach(option -> identity.append(option).append('\n'));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            identity.append(path).append(' ');
            try {
                identity.append(Files.size(path)).append(' ').append(Files.getLastModifiedTime(path).toMillis());
            } catch (IOException missing) {
                identity.append("missing");
            }
            identity.append('\n');
        }
        arguments.forEach(argument -> identity.append(argument).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Archives of the same command made for another class path, and files of runs that never finished. */
    private static void removeUnused(Path dir, String command) throws IOException {
        Instant before = Instant.now().minus(UNUSED);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, command + "-*")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    deleteQuietly(file);
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", file, e.toString());
        }
    }
}
