/* csv_reader.c - reading the file of a CSV Data Set Config: bytes are read in
 * blocks, decoded to UTF-8 (UTF-8 and ISO-8859-1 by hand, anything else
 * through iconv) and handed out as lines or quoted records. Also the field
 * splitters JMeter uses for a line, a header and the variableNames property.
 *
 * Behaviour follows JMeter 5.6: lines end at \n, \r or \r\n (Java's
 * BufferedReader.readLine); quoted records follow CSVSaveService.csvReadFile;
 * non-quoted splitting follows JOrphanUtils.split(line, delim, false). */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "csv.h"

#define RAW_SIZE 65536
#define NOT_A_CHAR 0x110000u       /* added to a byte that is not valid UTF-8 */
#define MESSAGE_EXCERPT 80         /* bytes of a field quoted in an error message */

enum decoder { DEC_NONE, DEC_UTF8, DEC_LATIN1, DEC_ICONV };

struct csv_reader {
    int fd;                        /* -1 for a reader over memory */
    enum decoder dec;
    iconv_t cd;
    unsigned char *raw;            /* bytes read, not decoded yet: raw[0..raw_len) */
    size_t raw_len;
    bool raw_eof;
    bool bom_checked;
    int read_errno;                /* a failed read(); the reader is then at its end */
    char *text;                    /* decoded UTF-8, consumed from pos to len */
    size_t pos, len, cap;
    bool borrowed;                 /* text belongs to the caller (memory reader) */
};

/* ------------------------------------------------------------ the fields */

void csv_fields_init(struct csv_fields *f)
{
    memset(f, 0, sizeof *f);
    strbuf_init(&f->text);
}

void csv_fields_free(struct csv_fields *f)
{
    strbuf_free(&f->text);
    free(f->start);
    free(f->len);
    memset(f, 0, sizeof *f);
}

void csv_fields_reset(struct csv_fields *f)
{
    strbuf_reset(&f->text);
    f->n = 0;
}

void csv_fields_add(struct csv_fields *f, const char *s, size_t len)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->start = xrealloc(f->start, f->cap * sizeof *f->start);
        f->len = xrealloc(f->len, f->cap * sizeof *f->len);
    }
    f->start[f->n] = f->text.len;
    f->len[f->n] = len;
    f->n++;
    strbuf_addn(&f->text, s, len);
    strbuf_addc(&f->text, '\0');
}

const char *csv_field(const struct csv_fields *f, size_t i)
{
    return i < f->n ? f->text.s + f->start[i] : NULL;
}

size_t csv_field_len(const struct csv_fields *f, size_t i)
{
    return i < f->n ? f->len[i] : 0;
}

/* ------------------------------------------------------- opening a file */

/* Upper-cased name without '-', '_' and spaces: "iso_8859-1" -> "ISO88591". */
static void encoding_key(const char *name, char *key, size_t size)
{
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < size; p++) {
        if (*p == '-' || *p == '_' || *p == ' ')
            continue;
        key[k++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
    }
    key[k] = '\0';
}

/* Java's charset names that iconv spells differently. */
static const char *iconv_alias(const char *key)
{
    static const struct { const char *java, *iconv; } names[] = {
        {"UNICODEBIGUNMARKED", "UTF-16BE"},
        {"UNICODELITTLEUNMARKED", "UTF-16LE"},
        {"UNICODEBIG", "UTF-16"},
        {"UNICODELITTLE", "UTF-16LE"},
        {"X UTF16LEBOM", "UTF-16"},
    };
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (strcmp(names[i].java, key) == 0)
            return names[i].iconv;
    return NULL;
}

/* Chooses the decoder for a Java charset name. False when none fits. */
static bool pick_decoder(struct csv_reader *r, const char *encoding)
{
    r->dec = DEC_UTF8;
    if (str_is_blank(encoding))
        return true;
    char *name = str_trim_dup(encoding);
    char key[64];
    encoding_key(name, key, sizeof key);
    bool ok = true;
    if (strcmp(key, "UTF8") == 0) {
        r->dec = DEC_UTF8;
    } else if (strcmp(key, "ISO88591") == 0 || strcmp(key, "88591") == 0 ||
               strcmp(key, "LATIN1") == 0 || strcmp(key, "ISOLATIN1") == 0 ||
               strcmp(key, "L1") == 0 || strcmp(key, "CP819") == 0 || strcmp(key, "IBM819") == 0) {
        r->dec = DEC_LATIN1;
    } else {
        const char *alias = iconv_alias(key);
        r->cd = iconv_open("UTF-8", alias ? alias : name);
        if (r->cd == (iconv_t)-1) {
            /* Java writes ISO8859_15 where iconv wants ISO8859-15 */
            for (char *p = name; *p; p++)
                if (*p == '_')
                    *p = '-';
            r->cd = iconv_open("UTF-8", name);
        }
        if (r->cd == (iconv_t)-1)
            ok = false;
        else
            r->dec = DEC_ICONV;
    }
    free(name);
    return ok;
}

enum csv_open_status csv_reader_open(struct csv_reader **out, const char *path,
                                     const char *encoding, struct strbuf *why)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (why)
            strbuf_adds(why, strerror(errno));
        return CSV_OPEN_MISSING;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (why)
            strbuf_adds(why, "not a regular file");
        close(fd);
        return CSV_OPEN_MISSING;
    }
    struct csv_reader *r = xcalloc(1, sizeof *r);
    r->fd = fd;
    r->cd = (iconv_t)-1;
    if (!pick_decoder(r, encoding)) {
        if (why)
            strbuf_addf(why, "unsupported encoding '%s'", encoding);
        close(fd);
        free(r);
        return CSV_OPEN_BAD_ENCODING;
    }
    r->raw = xmalloc(RAW_SIZE);
    *out = r;
    return CSV_OPEN_OK;
}

struct csv_reader *csv_reader_from_memory(const char *text, size_t len)
{
    struct csv_reader *r = xcalloc(1, sizeof *r);
    r->fd = -1;
    r->cd = (iconv_t)-1;
    r->dec = DEC_NONE;
    r->text = (char *)text;
    r->len = len;
    r->borrowed = true;
    r->raw_eof = true;
    return r;
}

void csv_reader_close(struct csv_reader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    free(r->raw);
    if (!r->borrowed)
        free(r->text);
    free(r);
}

/* -------------------------------------------------------------- decoding */

static void text_reserve(struct csv_reader *r, size_t extra)
{
    if (r->cap - r->len >= extra)
        return;
    size_t cap = r->cap ? r->cap : 4096;
    while (cap - r->len < extra)
        cap *= 2;
    r->text = xrealloc(r->text, cap);
    r->cap = cap;
}

static void text_put(struct csv_reader *r, const void *bytes, size_t n)
{
    text_reserve(r, n);
    memcpy(r->text + r->len, bytes, n);
    r->len += n;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Copies valid UTF-8, replacing each maximal invalid part by U+FFFD. Returns
 * the bytes consumed; an incomplete sequence at the end waits for more input
 * unless the file has ended. */
static size_t decode_utf8(struct csv_reader *r, const unsigned char *in, size_t n, bool final)
{
    text_reserve(r, n * 3 + 4);
    size_t i = 0;
    while (i < n) {
        unsigned char c = in[i];
        if (c < 0x80) {
            r->text[r->len++] = (char)c;
            i++;
            continue;
        }
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;          /* no overlong forms */
            else if (c == 0xED)
                hi = 0x9F;          /* no surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;          /* nothing above U+10FFFF */
        } else {
            memcpy(r->text + r->len, REPLACEMENT, 3);
            r->len += 3;
            i++;
            continue;
        }
        size_t k = 1;
        while (k <= need) {
            if (i + k >= n) {
                if (!final)
                    return i;       /* wait for the rest */
                break;
            }
            unsigned char b = in[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
                break;
            k++;
        }
        if (k == need + 1) {
            memcpy(r->text + r->len, in + i, k);
            r->len += k;
        } else {
            memcpy(r->text + r->len, REPLACEMENT, 3);
            r->len += 3;
        }
        i += k;
    }
    return i;
}

static size_t decode_latin1(struct csv_reader *r, const unsigned char *in, size_t n)
{
    text_reserve(r, n * 2);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = in[i];
        if (c < 0x80) {
            r->text[r->len++] = (char)c;
        } else {
            r->text[r->len++] = (char)(0xC0 | (c >> 6));
            r->text[r->len++] = (char)(0x80 | (c & 0x3F));
        }
    }
    return n;
}

static size_t decode_iconv(struct csv_reader *r, const unsigned char *in, size_t n, bool final)
{
    char *src = (char *)in;
    size_t left = n;
    for (;;) {
        text_reserve(r, left * 4 + 64);
        char *dst = r->text + r->len;
        size_t room = r->cap - r->len;
        size_t rc = iconv(r->cd, &src, &left, &dst, &room);
        r->len = (size_t)(dst - r->text);
        if (rc != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;                   /* more room next turn */
        if (errno == EINVAL && !final)
            break;                      /* incomplete sequence: wait for more */
        /* an undecodable byte (or an incomplete sequence at the very end) */
        text_put(r, REPLACEMENT, 3);
        src++;
        left--;
        if (left == 0)
            break;
    }
    if (final && left == 0) {
        text_reserve(r, 64);
        char *dst = r->text + r->len;
        size_t room = r->cap - r->len;
        iconv(r->cd, NULL, NULL, &dst, &room);   /* flush any shift state */
        r->len = (size_t)(dst - r->text);
    }
    return n - left;
}

/* Reads more bytes into raw; sets raw_eof or read_errno. */
static void read_more(struct csv_reader *r)
{
    for (;;) {
        ssize_t got = read(r->fd, r->raw + r->raw_len, RAW_SIZE - r->raw_len);
        if (got > 0) {
            r->raw_len += (size_t)got;
            return;
        }
        if (got == 0) {
            r->raw_eof = true;
            return;
        }
        if (errno != EINTR) {
            r->read_errno = errno;
            return;
        }
    }
}

/* Makes sure there is decoded text at pos. False at the end of the input. */
static bool fill(struct csv_reader *r)
{
    while (r->pos >= r->len) {
        if (r->borrowed || r->read_errno)
            return false;
        if (r->raw_eof && r->raw_len == 0)
            return false;
        if (!r->raw_eof && r->raw_len < RAW_SIZE)
            read_more(r);
        if (r->read_errno)
            return false;
        if (!r->bom_checked) {
            if (r->raw_len < 3 && !r->raw_eof)
                continue;
            if (r->raw_len >= 3 && memcmp(r->raw, "\xEF\xBB\xBF", 3) == 0) {
                memmove(r->raw, r->raw + 3, r->raw_len - 3);
                r->raw_len -= 3;
            }
            r->bom_checked = true;
        }
        r->pos = r->len = 0;
        size_t used;
        switch (r->dec) {
        case DEC_LATIN1: used = decode_latin1(r, r->raw, r->raw_len); break;
        case DEC_ICONV: used = decode_iconv(r, r->raw, r->raw_len, r->raw_eof); break;
        default: used = decode_utf8(r, r->raw, r->raw_len, r->raw_eof); break;
        }
        memmove(r->raw, r->raw + used, r->raw_len - used);
        r->raw_len -= used;
    }
    return true;
}

bool csv_reader_at_eof(struct csv_reader *r)
{
    return !fill(r);
}

static void add_read_error(struct csv_reader *r, struct strbuf *why)
{
    if (why)
        strbuf_addf(why, "read error: %s", strerror(r->read_errno));
}

/* ----------------------------------------------------------------- lines */

enum csv_read csv_reader_line(struct csv_reader *r, struct strbuf *line, struct strbuf *why)
{
    if (line)
        strbuf_reset(line);
    bool any = false, too_long = false;
    size_t length = 0;
    while (fill(r)) {
        any = true;
        const char *p = r->text + r->pos, *end = r->text + r->len, *q = p;
        while (q < end && *q != '\n' && *q != '\r')
            q++;
        size_t chunk = (size_t)(q - p);
        length += chunk;
        if (length > CSV_MAX_LINE)
            too_long = true;
        if (line && !too_long)
            strbuf_addn(line, p, chunk);
        r->pos += chunk;
        if (q < end) {
            r->pos++;
            if (*q == '\r' && fill(r) && r->text[r->pos] == '\n')
                r->pos++;
            break;
        }
    }
    if (r->read_errno) {
        add_read_error(r, why);
        return CSV_READ_ERROR;
    }
    if (too_long && line) {
        strbuf_reset(line);
        if (why)
            strbuf_addf(why, "a line is longer than %zu bytes", CSV_MAX_LINE);
        return CSV_READ_ERROR;
    }
    return any ? CSV_READ_OK : CSV_READ_EOF;
}

/* ------------------------------------------------------- quoted records */

/* The next code point and its bytes; -1 at the end. A byte that does not
 * start a complete UTF-8 sequence comes back alone, as NOT_A_CHAR + byte. */
static int64_t next_code_point(struct csv_reader *r, const char **bytes, size_t *n)
{
    if (!fill(r))
        return -1;
    const unsigned char *p = (const unsigned char *)r->text + r->pos;
    size_t avail = r->len - r->pos;
    unsigned char c = p[0];
    *bytes = (const char *)p;
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    uint32_t cp = c;
    if (len > 1 && len <= avail) {
        cp = c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; k++) {
            if ((p[k] & 0xC0) != 0x80) {
                len = 0;
                break;
            }
            cp = (cp << 6) | (p[k] & 0x3F);
        }
    } else if (len > 1) {
        len = 0;
    }
    if (len == 0) {
        len = 1;
        cp = NOT_A_CHAR + c;
    }
    *n = len;
    r->pos += len;
    return cp;
}

enum parse_state { P_INITIAL, P_PLAIN, P_QUOTED, P_EMBEDDED_QUOTE };

static void quote_error(struct strbuf *why, const char *what, const struct strbuf *field,
                        const char *before)
{
    if (!why)
        return;
    size_t n = field->len < MESSAGE_EXCERPT ? field->len : MESSAGE_EXCERPT;
    strbuf_addf(why, "%s:[%s%.*s%s]", what, before, (int)n, field->s,
                field->len > n ? "..." : "");
}

enum csv_read csv_reader_record(struct csv_reader *r, uint32_t delim, struct csv_fields *out,
                                struct strbuf *why)
{
    csv_fields_reset(out);
    struct strbuf field;
    strbuf_init(&field);
    enum parse_state state = P_INITIAL;
    bool push = false, too_long = false;
    size_t total = 0;
    int64_t ch;
    const char *bytes;
    size_t n;
    enum csv_read result = CSV_READ_OK;
    while ((ch = next_code_point(r, &bytes, &n)) != -1) {
        bool eol = ch == '\n' || ch == '\r';
        bool ends_field = eol || ch == (int64_t)delim;
        bool keep = false;
        push = false;
        switch (state) {
        case P_INITIAL:
            if (ch == '"') {
                state = P_QUOTED;
            } else if (ends_field) {
                push = true;
            } else {
                keep = true;
                state = P_PLAIN;
            }
            break;
        case P_PLAIN:
            if (ch == '"') {
                strbuf_addc(&field, '"');
                quote_error(why, "Cannot have quote-char in plain field", &field, "");
                result = CSV_READ_ERROR;
                goto done;
            } else if (ends_field) {
                push = true;
                state = P_INITIAL;
            } else {
                keep = true;
            }
            break;
        case P_QUOTED:
            if (ch == '"')
                state = P_EMBEDDED_QUOTE;
            else
                keep = true;
            break;
        case P_EMBEDDED_QUOTE:
            if (ch == '"') {
                keep = true;                /* a doubled quote is one quote */
                state = P_QUOTED;
            } else if (ends_field) {
                push = true;
                state = P_INITIAL;
            } else {
                strbuf_addc(&field, '"');
                quote_error(why, "Cannot have single quote-char in quoted field", &field, "");
                result = CSV_READ_ERROR;
                goto done;
            }
            break;
        }
        if (keep) {
            total += n;
            if (total > CSV_MAX_LINE)
                too_long = true;
            else
                strbuf_addn(&field, bytes, n);
        }
        if (push) {
            if (ch == '\r' && fill(r) && r->text[r->pos] == '\n')
                r->pos++;
            csv_fields_add(out, field.s, field.len);
            strbuf_reset(&field);
        }
        if (eol && state != P_QUOTED)
            break;
    }
    if (ch == -1) {
        if (r->read_errno) {
            add_read_error(r, why);
            result = CSV_READ_ERROR;
            goto done;
        }
        if (state == P_QUOTED) {
            quote_error(why, "Missing trailing quote-char in quoted field", &field, "\"");
            result = CSV_READ_ERROR;
            goto done;
        }
        if (field.len > 0 || push || state == P_EMBEDDED_QUOTE)
            csv_fields_add(out, field.s, field.len);
    }
    if (too_long) {
        if (why)
            strbuf_addf(why, "a record is longer than %zu bytes", CSV_MAX_LINE);
        result = CSV_READ_ERROR;
    } else if (out->n == 0) {
        result = CSV_READ_EOF;
    }
done:
    if (result == CSV_READ_ERROR)
        csv_fields_reset(out);
    strbuf_free(&field);
    return result;
}

/* ------------------------------------------------------------- splitting */

void csv_split_literal(const char *line, size_t len, const char *delim, struct csv_fields *out)
{
    csv_fields_reset(out);
    size_t dlen = strlen(delim);
    if (len == 0)
        return;
    if (dlen == 0) {
        csv_fields_add(out, line, len);
        return;
    }
    size_t start = 0;
    for (;;) {
        const char *hit = dlen <= len - start ? memmem(line + start, len - start, delim, dlen) : NULL;
        if (!hit) {
            csv_fields_add(out, line + start, len - start);   /* may be the empty last field */
            return;
        }
        size_t at = (size_t)(hit - line);
        csv_fields_add(out, line + start, at - start);
        start = at + dlen;
    }
}

bool csv_split_quoted(const char *line, size_t len, uint32_t delim, struct csv_fields *out,
                      struct strbuf *why)
{
    struct csv_reader *r = csv_reader_from_memory(line, len);
    enum csv_read rc = csv_reader_record(r, delim, out, why);
    csv_reader_close(r);
    return rc != CSV_READ_ERROR;
}

static bool java_space(char c)
{
    return (unsigned char)c <= ' ';
}

void csv_split_names(const char *names, struct csv_fields *out)
{
    csv_fields_reset(out);
    if (!names)
        return;
    /* runs of commas count as one; one leading and one trailing comma go */
    struct strbuf s;
    strbuf_init(&s);
    for (const char *p = names; *p; p++)
        if (*p != ',' || s.len == 0 || s.s[s.len - 1] != ',')
            strbuf_addc(&s, *p);
    const char *b = s.s, *e = s.s + s.len;
    if (b < e && *b == ',')
        b++;
    if (b < e && e[-1] == ',')
        e--;
    struct csv_fields raw;
    csv_fields_init(&raw);
    csv_split_literal(b, (size_t)(e - b), ",", &raw);
    for (size_t i = 0; i < raw.n; i++) {
        const char *f = csv_field(&raw, i);
        size_t fl = csv_field_len(&raw, i);
        while (fl > 0 && java_space(*f)) {
            f++;
            fl--;
        }
        while (fl > 0 && java_space(f[fl - 1]))
            fl--;
        csv_fields_add(out, f, fl);
    }
    csv_fields_free(&raw);
    strbuf_free(&s);
}

const char *csv_delimiter(const char *raw)
{
    if (!raw || !*raw)
        return ",";
    if (strcmp(raw, "\\t") == 0)
        return "\t";
    return raw;
}

uint32_t csv_first_code_point(const char *s)
{
    if (!s || !*s)
        return ',';
    struct csv_reader *r = csv_reader_from_memory(s, strlen(s));
    const char *bytes;
    size_t n;
    int64_t cp = next_code_point(r, &bytes, &n);
    csv_reader_close(r);
    return (uint32_t)cp;
}
