package dev.gampplanner.runtime.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The knowledge files an agent ships, read from its class path once at start-up.
 *
 * <p>The knowledge-base version stamped on every result is the agent's declared version plus a
 * digest of the exact bytes of every file, so any edit to the knowledge changes the version and an
 * auditor can tell which knowledge produced a result.
 */
public final class KnowledgeResources {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<String, byte[]> files;
    private final String version;

    private KnowledgeResources(Map<String, byte[]> files, String declaredVersion) {
        this.files = files;
        this.version = declaredVersion + "+" + digest(files).substring(0, 12);
    }

    /**
     * Loads {@code paths} (class-path resource names) relative to {@code anchor}'s class loader.
     *
     * @throws IllegalStateException naming the file that is missing
     */
    public static KnowledgeResources load(Class<?> anchor, String declaredVersion, List<String> paths) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : paths) {
            try (InputStream in = anchor.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("knowledge file " + path + " is missing from the class path");
                }
                files.put(path, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read knowledge file " + path, e);
            }
        }
        return new KnowledgeResources(files, declaredVersion);
    }

    /** e.g. {@code context-kb-2026.11+3f2a9c1d04be}. */
    public String version() {
        return version;
    }

    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    public String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /**
     * Binds a YAML file to {@code type}; unknown fields are refused so a typo in the knowledge fails
     * at start-up rather than silently dropping a field.
     */
    public <T> T yaml(String path, Class<T> type) {
        try {
            return YAML.readValue(bytes(path), type);
        } catch (IOException e) {
            throw new IllegalStateException("knowledge file " + path + " is not valid: " + e.getMessage(), e);
        }
    }

    private byte[] bytes(String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            throw new IllegalArgumentException(path + " was not loaded; loaded: " + files.keySet());
        }
        return bytes;
    }

    private static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((path, bytes) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
