package io.livegate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the effective configuration tree: embedded defaults, then the user's file, then environment
 * variables. Every key a user sets must exist in the defaults (objects that are empty in the defaults, such as
 * per-path maps, accept any key).
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "LIVEGATE_";
    private static final String DEFAULTS_RESOURCE = "livegate.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    /** The defaults, overlaid with {@code file} (if not null) and {@code env}. */
    public static ConfigTree load(Path file, Map<String, String> env) {
        ObjectNode tree = defaults();
        if (file != null) {
            JsonNode user = readFile(file);
            if (!user.isMissingNode() && !user.isNull()) {
                if (!user.isObject()) {
                    throw new ConfigException(file + ": the top level must be a mapping of sections");
                }
                overlay(tree, (ObjectNode) user, "");
            }
        }
        applyEnvironment(tree, env);
        return new ConfigTree(tree);
    }

    static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("embedded " + DEFAULTS_RESOURCE + " is missing from the build");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("embedded defaults unreadable", e);
        }
    }

    private static JsonNode readFile(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void overlay(ObjectNode base, ObjectNode user, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> it = user.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode current = base.get(e.getKey());
            boolean freeForm = base.isEmpty() && !prefix.isEmpty();
            if (current == null && !freeForm) {
                throw new ConfigException("unknown configuration key '" + key + "'");
            }
            if (current != null && current.isObject() && !current.isEmpty()) {
                if (!e.getValue().isObject()) {
                    throw new ConfigException(key + " must be a mapping");
                }
                overlay((ObjectNode) current, (ObjectNode) e.getValue(), key + ".");
            } else if (current != null && current.isObject() && !e.getValue().isObject()) {
                throw new ConfigException(key + " must be a mapping");
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** LIVEGATE_HTTP_PORT=8081 sets http.port; keys with underscores (grace_period) are matched greedily. */
    private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String rest = e.getKey().substring(ENV_PREFIX.length());
            List<String> path = resolve(tree, rest);
            if (path == null) {
                throw new ConfigException("environment variable " + e.getKey() + " names no configuration key");
            }
            ObjectNode parent = tree;
            for (int i = 0; i < path.size() - 1; i++) {
                parent = (ObjectNode) parent.get(path.get(i));
            }
            parent.set(path.get(path.size() - 1), JsonNodeFactory.instance.textNode(e.getValue()));
        }
    }

    private static List<String> resolve(JsonNode node, String envRest) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String envName = name.toUpperCase(Locale.ROOT).replace('-', '_');
            JsonNode child = node.get(name);
            if (envRest.equals(envName) && !(child.isObject() && !child.isEmpty())) {
                List<String> p = new ArrayList<>();
                p.add(name);
                return p;
            }
            if (envRest.startsWith(envName + "_") && child.isObject() && !child.isEmpty()) {
                List<String> sub = resolve(child, envRest.substring(envName.length() + 1));
                if (sub != null) {
                    sub.add(0, name);
                    return sub;
                }
            }
        }
        return null;
    }
}
