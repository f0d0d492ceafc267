/* JsonPathOracle.java - produces the expected results in paths.tsv and asserts.tsv from
 * the real libraries JMeter 5.6.3 ships: Jayway JsonPath 2.8.0 and json-smart 2.5.0.
 *
 * It reads paths.in / asserts.in (one case a line, fields separated by TABs) and prints
 * the same lines with the results appended. Documents are inline text, or "@name" for
 * docs/name.json. Results are escaped: backslash, TAB, CR and LF as \\ \t \r \n.
 *
 *   paths:   doc  path  ->  read-result  extract-result
 *     read-result: what JsonPath.read(json, path) gives the JSON Assertion:
 *       "ok D|I <json>" (D/I: JsonPath.isPathDefinite; <json> is JSONValue.toJSONString)
 *       "notfound <message>" (PathNotFoundException) or "error <message>"
 *     extract-result: what JSONManager.extractWithJsonPath gives the JSON Extractor:
 *       "ok <JSON array of the strings, null for null>" or "error <message>"
 *   asserts: doc  path  flags  expected  ->  "pass" or "fail <message>"
 *     flags: v JSONVALIDATION, n EXPECT_NULL, i INVERT, r ISREGEX ("-" for none)
 *
 * The extraction and assertion logic below follows JMeter 5.6.3's JSONManager and
 * JSONPathAssertion (ORO regular expressions, as jmeter.regex.engine=oro).
 *
 * Build and run (the sources of json-path 2.8.0, json-smart 2.5.0 and accessors-smart
 * 2.5.0 compiled into ORACLE_CLASSES; accessors-smart's ASM bean builder is not needed):
 *   javac -cp $ORACLE_CLASSES:/usr/share/java/oro.jar -d /tmp JsonPathOracle.java
 *   java -cp /tmp:$ORACLE_CLASSES:/usr/share/java/slf4j-api.jar:/usr/share/java/oro.jar \
 *       JsonPathOracle paths < paths.in > paths.tsv
 *   ... JsonPathOracle asserts < asserts.in > asserts.tsv                                   */
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;

import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import net.minidev.json.JSONValue;

import org.apache.oro.text.regex.Pattern;
import org.apache.oro.text.regex.Perl5Compiler;
import org.apache.oro.text.regex.Perl5Matcher;

public class JsonPathOracle {
    static String esc(String s) {
        if (s == null)
            return "null";
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
            case '\\': b.append("\\\\"); break;
            case '\t': b.append("\\t"); break;
            case '\n': b.append("\\n"); break;
            case '\r': b.append("\\r"); break;
            default: b.append(c);
            }
        }
        return b.toString();
    }

    /* A JSON string literal of our own, so that the list survives any content. */
    static String quote(String s) {
        if (s == null)
            return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\')
                b.append('\\').append(c);
            else if (c < 0x20)
                b.append(String.format("\\u%04x", (int) c));
            else
                b.append(c);
        }
        return b.append('"').toString();
    }

    static String doc(String field) throws Exception {
        if (field.startsWith("@"))
            return new String(Files.readAllBytes(Paths.get("docs", field.substring(1) + ".json")),
                    StandardCharsets.UTF_8);
        return field;
    }

    /* JSONManager.stringifyJSONObject */
    @SuppressWarnings("unchecked")
    static String stringify(Object obj) {
        if (obj instanceof Map)
            return new JSONObject((Map<String, ?>) obj).toJSONString();
        if (obj instanceof JSONArray)
            return ((JSONArray) obj).toJSONString();
        return obj == null ? null : obj.toString();
    }

    static String read(String json, String path) {
        try {
            Object v = JsonPath.read(json, path);
            return "ok " + (JsonPath.isPathDefinite(path) ? "D " : "I ") + JSONValue.toJSONString(v);
        } catch (PathNotFoundException e) {
            return "notfound " + e.getMessage();
        } catch (Exception e) {
            return "error " + e.getMessage();
        }
    }

    static String extract(String json, String path) {
        Configuration conf = Configuration.defaultConfiguration().addOptions(Option.ALWAYS_RETURN_LIST);
        try {
            JsonPath p = JsonPath.compile(path);
            List<Object> objs;
            try {
                objs = p.read(json, conf);
            } catch (PathNotFoundException e) {
                objs = new ArrayList<>();
            }
            StringBuilder b = new StringBuilder("[");
            for (Object o : objs) {
                if (b.length() > 1)
                    b.append(',');
                b.append(quote(stringify(o)));
            }
            return "ok " + b.append(']');
        } catch (Exception e) {
            return "error " + e.getMessage();
        }
    }

    /* ---- the JSON Assertion, as JMeter 5.6.3 runs it ---- */
    static final class Assertion {
        String path, expected;
        boolean validation, expectNull, invert, regex;

        static String objectToString(Object subj) {
            if (subj == null)
                return "null";
            if (subj instanceof Map)
                return stringify(subj);
            if (subj instanceof Double || subj instanceof Float) {
                DecimalFormat f = new DecimalFormat("#.#", new DecimalFormatSymbols(Locale.US));
                f.setMaximumFractionDigits(340);
                f.setMinimumFractionDigits(1);
                return f.format(subj);
            }
            return subj.toString();
        }

        boolean isEquals(Object subj) throws Exception {
            if (regex) {
                Pattern p = new Perl5Compiler().compile(expected, Perl5Compiler.READ_ONLY_MASK);
                return new Perl5Matcher().matches(objectToString(subj), p);
            }
            return Objects.equals(JSONValue.parse(expected), subj);
        }

        boolean arrayMatched(JSONArray value) throws Exception {
            if (value.isEmpty() && "[]".equals(expected))
                return true;
            for (Object subj : value.toArray())
                if ((subj == null && expectNull) || isEquals(subj))
                    return true;
            return isEquals(value);
        }

        void doAssert(String json) throws Exception {
            Object value = JsonPath.read(json, path);
            if (!validation) {
                if (value instanceof JSONArray && ((JSONArray) value).isEmpty() && !JsonPath.isPathDefinite(path))
                    throw new IllegalStateException(String.format("JSONPath '%s' is indefinite and the extracted Value is an empty Array." +
                            " Please use an assertion value, to be sure to get a correct result. Expected value was '%s'", path, expected));
                return;
            }
            if (value instanceof JSONArray) {
                if (arrayMatched((JSONArray) value))
                    return;
            } else if ((expectNull && value == null) || isEquals(value)) {
                return;
            }
            if (expectNull)
                throw new IllegalStateException(String.format("Value in json path '%s' expected to be null, but found '%s'", path, value));
            String msg = regex ? "Value in json path '%s' expected to match regexp '%s', but it did not match: '%s'"
                    : "Value in json path '%s' expected to be '%s', but found '%s'";
            throw new IllegalStateException(String.format(msg, path, expected, objectToString(value)));
        }

        String result(String json) {
            if (json.isEmpty())
                return "fail Response was null";
            if (!invert) {
                try {
                    doAssert(json);
                    return "pass";
                } catch (Exception e) {
                    // ORO's pattern exceptions reach JMeter through its pattern cache, which
                    // wraps them: "Invalid expression: <pattern>\n<ORO's message>"
                    if (e instanceof org.apache.oro.text.regex.MalformedPatternException)
                        return "fail Invalid expression: " + expected + "\n" + e.getMessage();
                    return "fail " + e.getMessage();
                }
            }
            try {
                doAssert(json);
            } catch (Exception e) {
                return "pass";
            }
            if (validation)
                return "fail Failed that JSONPath " + path + " not matches " + (expectNull ? "null" : expected);
            return "fail Failed that JSONPath not exists: " + path;
        }
    }

    public static void main(String[] args) throws Exception {
        // Jayway's compiled paths keep state between reads (a deep scan's element index);
        // JMeter shares them through this cache, so results could depend on what ran
        // before. Each case here starts from a freshly compiled path.
        com.jayway.jsonpath.spi.cache.CacheProvider.setCache(new com.jayway.jsonpath.spi.cache.NOOPCache());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean asserts = args.length > 0 && args[0].equals("asserts");
        String line;
        StringBuilder out = new StringBuilder();
        while ((line = in.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                out.append(line).append('\n');
                continue;
            }
            String[] f = line.split("\t", -1);
            String json = doc(f[0]);
            out.append(line);
            if (!asserts) {
                out.append('\t').append(esc(read(json, f[1])));
                out.append('\t').append(esc(extract(json, f[1])));
            } else {
                Assertion a = new Assertion();
                a.path = f[1];
                a.validation = f[2].contains("v");
                a.expectNull = f[2].contains("n");
                a.invert = f[2].contains("i");
                a.regex = f[2].contains("r");
                a.expected = f.length > 3 ? f[3] : "";
                out.append('\t').append(esc(a.result(json)));
            }
            out.append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }
}
