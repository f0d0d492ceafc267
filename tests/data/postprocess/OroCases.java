// OroCases.java - regenerates oro_cases.tsv with Jakarta ORO 2.0.8 itself:
//   javac -cp /usr/share/java/oro.jar OroCases.java
//   grep -v '^#' oro_cases.tsv | cut -f1,2 | java -cp /usr/share/java/oro.jar:. OroCases
// Reads "pattern<TAB>input" lines (percent escapes %n %t %r %% %uXXXX) and prints each line
// with ORO's contains()/matches() verdicts and successive matches, or the compile error.
import org.apache.oro.text.regex.*;
import org.apache.oro.text.*;
import java.io.*;
public class OroCases {
  static String dec(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 1 < s.length()) {
        char d = s.charAt(++i);
        switch (d) { case 'n': b.append('\n'); break; case 't': b.append('\t'); break; case 'r': b.append('\r'); break;
          case '%': b.append('%'); break;
          case 'u': b.append((char)Integer.parseInt(s.substring(i+1, i+5), 16)); i += 4; break;
          default: b.append('%').append(d); }
      } else b.append(c);
    }
    return b.toString();
  }
  static String enc(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '\n') b.append("%n"); else if (c == '\t') b.append("%t"); else if (c == '\r') b.append("%r");
      else if (c == '%') b.append("%%"); else if (c == '"') b.append("%\""); else if (c < 32 || c > 126) b.append(String.format("%%u%04x", (int)c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
  public static void main(String[] a) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    String line;
    PatternCacheLRU cache = new PatternCacheLRU(1000);
    while ((line = r.readLine()) != null) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      int tab = line.indexOf('\t');
      int tab2 = line.indexOf('\t', tab + 1);
      if (tab2 >= 0) line = line.substring(0, tab2);
      String pat = dec(line.substring(0, tab)), in = dec(line.substring(tab + 1));
      StringBuilder sb = new StringBuilder();
      try {
        Pattern p = cache.getPattern(pat, Perl5Compiler.READ_ONLY_MASK);
        Perl5Matcher m = new Perl5Matcher();
        PatternMatcherInput pi = new PatternMatcherInput(in);
        int n = 0;
        while (n < 30 && m.contains(pi, p)) {
          MatchResult mr = m.getMatch(); n++;
          sb.append(" [");
          for (int g = 0; g < mr.groups(); g++) sb.append(g > 0 ? "," : "").append(enc(mr.group(g)));
          sb.append("]");
        }
        boolean whole = new Perl5Matcher().matches(in, p);
        boolean cont = new Perl5Matcher().contains(in, p);
        out.println(line + "\t=>" + (cont ? " C" : " c") + (whole ? "M" : "m") + sb);
      } catch (MalformedCachePatternException e) {
        out.println(line + "\t=> ERR " + enc(e.toString()));
      }
    }
  }
}
