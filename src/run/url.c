/* url.c - charsets and form encoding the way Java does them: charset names
 * and aliases, text to bytes with '?' for what a charset cannot hold, bytes
 * to text with U+FFFD for malformed input, and java.net.URLEncoder /
 * URLDecoder (digest §5.2, §5.3). UTF-8, ISO-8859-1 and US-ASCII are done
 * here; any other charset goes through iconv. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "jmx2run/http_request.h"

/* ------------------------------------------------------------ UTF-8 helpers */

/* Decodes one UTF-8 character at s (n bytes left). Returns its length and
 * sets *cp; an invalid byte gives length 1 and cp = -1. */
static size_t utf8_next(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    size_t len;
    int32_t v;
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = (int32_t)(c & 0x1F);
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = (int32_t)(c & 0x0F);
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = (int32_t)(c & 0x07);
    } else {
        *cp = -1;
        return 1;
    }
    if (len > n) {
        *cp = -1;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (int32_t)(s[i] & 0x3F);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
        (len == 4 && (v < 0x10000 || v > 0x10FFFF))) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return len;
}

static void put_code_point(struct strbuf *out, int32_t cp)
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    utf8_put(out, (uint32_t)cp);
}

/* ------------------------------------------------------------ charset names */

/* Java's canonical name first, then aliases Java accepts for it. */
static const char *const charset_table[][12] = {
    {"UTF-8", "utf8", "unicode-1-1-utf-8", NULL},
    {"ISO-8859-1", "iso-ir-100", "ISO_8859-1", "latin1", "l1", "IBM819", "cp819", "csISOLatin1",
     "819", "ISO8859_1", "ISO_8859_1", NULL},
    {"US-ASCII", "ASCII", "iso-ir-6", "ANSI_X3.4-1968", "ANSI_X3.4-1986", "ISO646-US", "us",
     "cp367", "csASCII", "646", "ascii7", NULL},
    {"UTF-16", "UTF_16", "utf16", "unicode", "UnicodeBig", NULL},
    {"UTF-16BE", "UTF_16BE", "X-UTF-16BE", "ISO-10646-UCS-2", "UnicodeBigUnmarked", NULL},
    {"UTF-16LE", "UTF_16LE", "X-UTF-16LE", "UnicodeLittleUnmarked", NULL},
    {"windows-1250", "cp1250", NULL},
    {"windows-1251", "cp1251", NULL},
    {"windows-1252", "cp1252", "ibm-1252", NULL},
    {"windows-1253", "cp1253", NULL},
    {"windows-1254", "cp1254", NULL},
    {"windows-1257", "cp1257", NULL},
    {"ISO-8859-2", "ISO8859_2", "ISO_8859-2", "latin2", "l2", "iso-ir-101", NULL},
    {"ISO-8859-5", "ISO8859_5", "ISO_8859-5", "cyrillic", "iso-ir-144", NULL},
    {"ISO-8859-7", "ISO8859_7", "ISO_8859-7", "greek", "iso-ir-126", NULL},
    {"ISO-8859-9", "ISO8859_9", "ISO_8859-9", "latin5", "l5", "iso-ir-148", NULL},
    {"ISO-8859-15", "ISO8859_15", "ISO_8859-15", "LATIN9", "L9", "LATIN0", "csISOlatin9",
     "IBM923", "cp923", "923", NULL},
    {"KOI8-R", "koi8_r", "koi8", "cskoi8r", NULL},
    {"Shift_JIS", "sjis", "shift-jis", "ms_kanji", "x-sjis", "csShiftJIS", NULL},
    {"EUC-JP", "eucjp", "euc_jp", "x-euc-jp", "eucjis", NULL},
    {"EUC-KR", "euckr", "euc_kr", "ksc5601", "ks_c_5601-1987", "ksc_5601", "csEUCKR", NULL},
    {"GB2312", "gb2312", "euc-cn", "x-EUC-CN", "EUC_CN", "euccn", NULL},
    {"GBK", "CP936", "windows-936", NULL},
    {"Big5", "csBig5", NULL},
};

/* Java's rule for a legal charset name. */
static bool legal_charset_name(const char *name)
{
    if (!name || !*name)
        return false;
    for (const char *p = name; *p; p++) {
        char c = *p;
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        bool ok = p == name ? alnum : alnum || (c && strchr("-+:_.", c));
        if (!ok)
            return false;
    }
    return true;
}

/* The name iconv knows a charset by. */
static const char *iconv_name(const char *charset)
{
    return strcasecmp(charset, "UTF-16") == 0 ? "UTF-16BE" : charset;
}

enum charset_status charset_lookup(const char *name, const char **canonical)
{
    *canonical = NULL;
    if (!legal_charset_name(name))
        return CHARSET_ILLEGAL_NAME;
    for (size_t i = 0; i < ARRAY_LEN(charset_table); i++)
        for (size_t j = 0; charset_table[i][j]; j++)
            if (strcasecmp(name, charset_table[i][j]) == 0) {
                *canonical = charset_table[i][0];
                return CHARSET_OK;
            }
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return CHARSET_UNSUPPORTED;
    iconv_close(cd);
    *canonical = name;
    return CHARSET_OK;
}

/* ------------------------------------------------------- encode and decode */

/* Converts the *left bytes at *in with cd, appending the result to out, until
 * the input ends (true) or iconv stops at bytes it cannot convert (false; *in
 * and *left then point at them). */
static bool iconv_append(iconv_t cd, char **in, size_t *left, struct strbuf *out)
{
    char buf[256];
    while (*left > 0) {
        char *o = buf;
        size_t room = sizeof buf;
        size_t r = iconv(cd, in, left, &o, &room);
        strbuf_addn(out, buf, (size_t)(o - buf));
        if (r == (size_t)-1 && errno != E2BIG)
            return false;
    }
    return true;
}

static void encode_iconv(const char *charset, const char *text, size_t len, struct strbuf *out)
{
    iconv_t cd = iconv_open(iconv_name(charset), "UTF-8");
    if (cd == (iconv_t)-1) {
        strbuf_addn(out, text, len);
        return;
    }
    if (strcasecmp(charset, "UTF-16") == 0)
        strbuf_addn(out, "\xFE\xFF", 2);   /* Java's UTF-16 encoder starts with a BOM */
    char *in = (char *)text;
    size_t left = len;
    while (!iconv_append(cd, &in, &left, out)) {
        /* a character the charset cannot hold, or broken UTF-8: '?' instead */
        int32_t cp;
        size_t step = utf8_next((const unsigned char *)in, left, &cp);
        char q[8];
        char *qi = (char *)"?", *qo = q;
        size_t qleft = 1, qroom = sizeof q;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &qi, &qleft, &qo, &qroom) == (size_t)-1)
            strbuf_addc(out, '?');
        else
            strbuf_addn(out, q, (size_t)(qo - q));
        in += step;
        left -= step;
    }
    iconv_close(cd);
}

void charset_encode(const char *charset, const char *text, size_t len, struct strbuf *out)
{
    const char *c = NULL;
    if (charset_lookup(charset, &c) != CHARSET_OK || strcmp(c, "UTF-8") == 0) {
        strbuf_addn(out, text, len);
        return;
    }
    int32_t limit = strcmp(c, "ISO-8859-1") == 0 ? 0xFF : strcmp(c, "US-ASCII") == 0 ? 0x7F : -1;
    if (limit < 0) {
        encode_iconv(c, text, len, out);
        return;
    }
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += utf8_next(s + i, len - i, &cp);
        strbuf_addc(out, cp >= 0 && cp <= limit ? (char)cp : '?');
    }
}

static void decode_iconv(const char *charset, const char *bytes, size_t len, struct strbuf *out)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1) {
        charset_decode("UTF-8", bytes, len, out);
        return;
    }
    char *in = (char *)bytes;
    size_t left = len;
    while (!iconv_append(cd, &in, &left, out)) {
        /* malformed input: U+FFFD for one byte */
        put_code_point(out, 0xFFFD);
        in++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
}

void charset_decode(const char *charset, const char *bytes, size_t len, struct strbuf *out)
{
    const char *c = NULL;
    if (charset_lookup(charset, &c) != CHARSET_OK)
        c = "UTF-8";
    const unsigned char *s = (const unsigned char *)bytes;
    if (strcmp(c, "UTF-8") == 0) {
        for (size_t i = 0; i < len;) {
            int32_t cp;
            size_t n = utf8_next(s + i, len - i, &cp);
            if (cp < 0)
                put_code_point(out, 0xFFFD);
            else
                strbuf_addn(out, bytes + i, n);
            i += n;
        }
    } else if (strcmp(c, "ISO-8859-1") == 0) {
        for (size_t i = 0; i < len; i++)
            put_code_point(out, s[i]);
    } else if (strcmp(c, "US-ASCII") == 0) {
        for (size_t i = 0; i < len; i++)
            put_code_point(out, s[i] < 0x80 ? s[i] : 0xFFFD);
    } else {
        decode_iconv(c, bytes, len, out);
    }
}

/* ---------------------------------------------------- URLEncoder, URLDecoder */

static bool form_safe(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-' || c == '*' || c == '_';
}

bool url_encode_form(const char *text, const char *charset, struct strbuf *out)
{
    const char *c;
    if (charset_lookup(charset, &c) != CHARSET_OK)
        return false;
    size_t len = strlen(text);
    struct strbuf bytes;
    strbuf_init(&bytes);
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)text[i];
        if (form_safe(ch)) {
            strbuf_addc(out, (char)ch);
            i++;
        } else if (ch == ' ') {
            strbuf_addc(out, '+');
            i++;
        } else {
            /* Java encodes each run of unsafe characters in one go */
            size_t j = i;
            while (j < len && !form_safe((unsigned char)text[j]) && text[j] != ' ')
                j++;
            strbuf_reset(&bytes);
            charset_encode(c, text + i, j - i, &bytes);
            for (size_t k = 0; k < bytes.len; k++)
                strbuf_addf(out, "%%%02X", (unsigned char)bytes.s[k]);
            i = j;
        }
    }
    strbuf_free(&bytes);
    return true;
}

/* Text as UTF-16 code units, the unit Java's string indexes count. */
struct units {
    uint16_t *u;
    size_t n;
};

static struct units to_units(const char *text)
{
    size_t len = strlen(text);
    struct units r = {xmalloc((len + 1) * 2 * sizeof(uint16_t)), 0};
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += utf8_next(s + i, len - i, &cp);
        if (cp < 0)
            cp = 0xFFFD;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            r.u[r.n++] = (uint16_t)(0xD800 + (cp >> 10));
            r.u[r.n++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
        } else {
            r.u[r.n++] = (uint16_t)cp;
        }
    }
    return r;
}

static void units_put(struct strbuf *out, const uint16_t *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int32_t cp = u[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (u[i + 1] - 0xDC00);
            i++;
        }
        put_code_point(out, cp);
    }
}


/* Integer.parseInt of the two units after a '%', radix 16: the value, or
 * -1000 - index of the offending unit. */
static int parse_escape(const uint16_t *u)
{
    size_t i = 0;
    bool negative = false;
    if (u[0] < '0') {
        if (u[0] == '-')
            negative = true;
        else if (u[0] != '+')
            return -1000;
        i = 1;
    }
    int v = 0;
    for (; i < 2; i++) {
        int d = hex_digit_value(u[i]);
        if (d < 0)
            return -1000 - (int)i;
        v = v * 16 + d;
    }
    return negative ? -v : v;
}

bool url_decode_form(const char *text, const char *charset, struct strbuf *out, char **error)
{
    *error = NULL;
    const char *cs;
    if (charset_lookup(charset, &cs) != CHARSET_OK) {
        *error = xasprintf("%s", charset ? charset : "");
        return false;
    }
    struct units s = to_units(text);
    struct strbuf bytes;
    strbuf_init(&bytes);
    size_t i = 0;
    bool ok = true;
    while (i < s.n && ok) {
        uint16_t c = s.u[i];
        if (c == '+') {
            strbuf_addc(out, ' ');
            i++;
        } else if (c == '%') {
            strbuf_reset(&bytes);
            while (i + 2 < s.n && c == '%') {
                int v = parse_escape(s.u + i + 1);
                if (v <= -1000) {
                    struct strbuf pair;
                    strbuf_init(&pair);
                    units_put(&pair, s.u + i + 1, 2);
                    *error = xasprintf("URLDecoder: Illegal hex characters in escape (%%) pattern - "
                                       "Error at index %d in: \"%s\"", -1000 - v, pair.s);
                    strbuf_free(&pair);
                    ok = false;
                    break;
                }
                if (v < 0) {
                    *error = xstrdup("URLDecoder: Illegal hex characters in escape (%) pattern - "
                                     "negative value");
                    ok = false;
                    break;
                }
                strbuf_addc(&bytes, (char)v);
                i += 3;
                if (i < s.n)
                    c = s.u[i];
            }
            if (ok && i < s.n && c == '%') {
                *error = xstrdup("URLDecoder: Incomplete trailing escape (%) pattern");
                ok = false;
            }
            if (ok)
                charset_decode(cs, bytes.s, bytes.len, out);
        } else {
            size_t j = i;
            while (j < s.n && s.u[j] != '+' && s.u[j] != '%')
                j++;
            units_put(out, s.u + i, j - i);
            i = j;
        }
    }
    strbuf_free(&bytes);
    free(s.u);
    return ok;
}
