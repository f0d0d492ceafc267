/* html_escape.c - makes any text from a results file safe inside the page,
 * both as element content and as a double-quoted attribute value.
 *
 * The five markup characters become references; bytes that are not UTF-8
 * (decoded with libxml2's xmlGetUTF8Char; overlong forms refused) and control
 * characters HTML does not allow become U+FFFD; the Unicode line and paragraph separators become
 * numeric references so that they are visible in the source. Tab, CR and LF
 * stay (the label cells keep line breaks with white-space: pre-wrap). */
#include <libxml/xmlstring.h>
#include "jmx2run/html_report.h"

void html_escape(struct strbuf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            switch (c) {
            case '&': strbuf_adds(out, "&amp;"); break;
            case '<': strbuf_adds(out, "&lt;"); break;
            case '>': strbuf_adds(out, "&gt;"); break;
            case '"': strbuf_adds(out, "&quot;"); break;
            case '\'': strbuf_adds(out, "&#39;"); break;
            case '\t': case '\n': case '\r': strbuf_addc(out, (char)c); break;
            default:
                if (c < 0x20 || c == 0x7f)
                    utf8_put(out, 0xFFFD);
                else
                    strbuf_addc(out, (char)c);
            }
            continue;
        }
        int len = n - i > 4 ? 4 : (int)(n - i);
        int cp = xmlGetUTF8Char((const unsigned char *)s + i, &len);
        /* Some libxml2 versions take overlong forms (C0 AF for '/'): refuse them. */
        bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                        (len == 4 && cp < 0x10000);
        if (cp < 0 || len <= 0 || overlong) {
            utf8_put(out, 0xFFFD);
            i++;
            continue;
        }
        if (cp == 0x2028 || cp == 0x2029)
            strbuf_addf(out, "&#x%X;", (unsigned)cp);
        else if ((cp >= 0x80 && cp < 0xA0) || (cp >= 0xD800 && cp <= 0xDFFF) ||
                 cp == 0xFFFE || cp == 0xFFFF)
            utf8_put(out, 0xFFFD);
        else
            strbuf_addn(out, s + i, (size_t)len);
        i += (size_t)len;
    }
}
