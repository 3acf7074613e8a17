package io.livegate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Typed, key-path access to the effective configuration, with errors that name the key. */
public final class ConfigTree {

    private final JsonNode root;
    private final java.util.Set<String> read = new HashSet<>();

    ConfigTree(JsonNode root) {
        this.root = root;
    }

    /** Leaf keys present in the tree that no binder has read: documented keys that do nothing are bugs. */
    public List<String> unreadKeys() {
        List<String> out = new ArrayList<>();
        collect(root, "", out);
        return out;
    }

    private void collect(JsonNode n, String prefix, List<String> out) {
        n.fields().forEachRemaining(e -> {
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && !e.getValue().isEmpty() && !read.contains(key)) {
                collect(e.getValue(), key + ".", out);
            } else if (!read.contains(key)) {
                out.add(key);
            }
        });
    }

    private JsonNode node(String key) {
        read.add(key);
        JsonNode n = root;
        for (String part : key.split("\\.")) {
            n = n.get(part);
            if (n == null) {
                throw new ConfigException("missing configuration key '" + key + "'");
            }
        }
        return n;
    }

    /** The value as text, or null when it is YAML null / empty. */
    public String string(String key) {
        JsonNode n = node(key);
        if (n.isNull() || n.isObject() || n.isArray()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    public int integer(String key, int min, int max) {
        String s = required(key);
        try {
            int v = Integer.parseInt(s.trim());
            if (v < min || v > max) {
                throw new ConfigException(key + ": " + v + " is outside " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + s + "' is not an integer");
        }
    }

    public boolean bool(String key) {
        String s = required(key).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key + ": '" + s + "' is not true or false");
        };
    }

    public Duration duration(String key) {
        return ConfigValues.duration(key, required(key));
    }

    public long size(String key) {
        return ConfigValues.size(key, required(key));
    }

    /** One of {@code allowed}, compared case-insensitively, returned in lower case. */
    public String choice(String key, String... allowed) {
        String s = required(key).trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw new ConfigException(key + ": '" + s + "' is not one of " + String.join(", ", allowed));
    }

    /** A mapping of free-form keys to text values (e.g. per-path settings). */
    public Map<String, String> map(String key) {
        JsonNode n = node(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new ConfigException(key + " must be a mapping");
        }
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private String required(String key) {
        String s = string(key);
        if (s == null) {
            throw new ConfigException(key + " must have a value");
        }
        return s;
    }
}
