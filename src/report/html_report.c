/* html_report.c - the report's entry points: options (defaults and JMeter's
 * reportgenerator properties), the check of the output folder, and the run
 * itself: stream the JTL through the collector, then write the page into the
 * folder through a temporary file renamed into place. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "html_internal.h"

void html_report_options_init(struct html_report_options *o)
{
    memset(o, 0, sizeof *o);
    o->apdex_satisfied_ms = 500;
    o->apdex_tolerated_ms = 1500;
}

void html_report_options_from_props(struct html_report_options *o, struct props *p,
                                    struct strbuf *store)
{
    html_report_options_init(o);
    o->apdex_satisfied_ms =
        report_prop_ll(p, "jmeter.reportgenerator.apdex_satisfied_threshold", 500);
    o->apdex_tolerated_ms =
        report_prop_ll(p, "jmeter.reportgenerator.apdex_tolerated_threshold", 1500);
    /* Both strings go into one buffer; pointers are taken once it stops growing. */
    strbuf_reset(store);
    size_t title_at = 0, columns_at = 0;
    bool has_title = false, has_columns = false;
    struct strbuf v;
    strbuf_init(&v);
    if (props_get(p, "jmeter.reportgenerator.report_title", &v) && !str_is_blank(v.s)) {
        title_at = store->len;
        strbuf_adds(store, v.s);
        strbuf_addc(store, '\0');
        has_title = true;
    }
    strbuf_free(&v);
    struct jtl_config c;            /* jtl_config_from_props initialises it */
    if (jtl_config_from_props(&c, p, NULL)) {
        o->delimiter = c.delimiter;
        if (!c.print_field_names) {
            struct strbuf header;
            strbuf_init(&header);
            jtl_csv_header(&c, &header);
            columns_at = store->len;
            for (size_t i = 0; i < header.len; i++) {
                char ch = header.s[i];
                if (ch == '\n')
                    break;
                strbuf_addc(store, ch == c.delimiter ? ',' : ch);
            }
            strbuf_addc(store, '\0');
            strbuf_free(&header);
            has_columns = true;
        }
    }
    jtl_config_free(&c);
    if (has_title)
        o->title = store->s + title_at;
    if (has_columns)
        o->columns = store->s + columns_at;
}

int html_report_check_output_dir(const char *out_dir, bool force, struct strbuf *err)
{
    struct stat st;
    if (stat(out_dir, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        strbuf_addf(err, "jmx2run: error: cannot use the report folder %s: %s\n", out_dir,
                    strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        strbuf_addf(err, "jmx2run: error: the report folder %s exists and is not a folder\n",
                    out_dir);
        return -1;
    }
    if (access(out_dir, W_OK | X_OK) != 0) {
        strbuf_addf(err, "jmx2run: error: cannot write into the report folder %s: %s\n", out_dir,
                    strerror(errno));
        return -1;
    }
    if (force)
        return 0;
    DIR *dir = opendir(out_dir);
    if (!dir) {
        strbuf_addf(err, "jmx2run: error: cannot read the report folder %s: %s\n", out_dir,
                    strerror(errno));
        return -1;
    }
    bool empty = true;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            empty = false;
            break;
        }
    closedir(dir);
    if (!empty) {
        strbuf_addf(err, "jmx2run: error: the report folder %s is not empty "
                         "(use -f to write the report into it anyway)\n", out_dir);
        return -1;
    }
    return 0;
}

/* mkdir -p */
static int make_dirs(const char *path, struct strbuf *err)
{
    char *p = xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; ; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char saved = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            strbuf_addf(err, "jmx2run: error: cannot create the report folder %s: %s\n", p,
                        strerror(errno));
            rc = -1;
            break;
        }
        *s = saved;
        if (!saved)
            break;
    }
    free(p);
    return rc;
}

static int write_page(const char *out_dir, const struct strbuf *page, struct strbuf *err)
{
    if (make_dirs(out_dir, err) != 0)
        return -1;
    char *final = path_join(out_dir, "index.html");
    char *tmp = xasprintf("%s/.index.html.%ld.tmp", out_dir, (long)getpid());
    int rc = -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        strbuf_addf(err, "jmx2run: error: cannot write %s: %s\n", tmp, strerror(errno));
        goto out;
    }
    size_t done = 0;
    while (done < page->len) {
        ssize_t n = write(fd, page->s + done, page->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            strbuf_addf(err, "jmx2run: error: cannot write %s: %s\n", tmp,
                        n < 0 ? strerror(errno) : "no space");
            close(fd);
            unlink(tmp);
            goto out;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        strbuf_addf(err, "jmx2run: error: cannot write %s: %s\n", tmp, strerror(errno));
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, final) != 0) {
        strbuf_addf(err, "jmx2run: error: cannot create %s: %s\n", final, strerror(errno));
        unlink(tmp);
        goto out;
    }
    rc = 0;
out:
    free(tmp);
    free(final);
    return rc;
}

static void render(struct strbuf *page, const struct html_data *d, const char *jtl_path)
{
    html_page_begin(page, d, jtl_path);
    html_page_info(page, d, jtl_path);
    html_page_summary(page, d);
    html_table_apdex(page, d);
    html_table_statistics(page, d);
    html_table_errors(page, d);
    html_table_top5(page, d);
    html_charts(page, d);
    html_page_end(page);
}

static int check_options(const struct html_report_options *o, struct strbuf *err)
{
    if (o->apdex_satisfied_ms < 0 || o->apdex_tolerated_ms < o->apdex_satisfied_ms) {
        strbuf_addf(err, "jmx2run: error: APDEX thresholds %lld / %lld ms: the satisfied one must "
                         "be at least 0 and the tolerated one at least as large\n",
                    (long long)o->apdex_satisfied_ms, (long long)o->apdex_tolerated_ms);
        return -1;
    }
    return 0;
}

/* Streams the rows through the collector and renders the page. */
static int report(struct jtl_reader *r, const char *name, const struct html_report_options *opts,
                  struct strbuf *page, struct strbuf *err)
{
    struct html_data d;
    html_data_init(&d, opts);
    struct jtl_row row;
    int got;
    bool first = true;
    while ((got = jtl_reader_next(r, &row, err)) == 1) {
        if (first) {
            d.columns = jtl_reader_columns(r);
            first = false;
        }
        html_collect_row(&d, &row);
    }
    d.has_header = jtl_reader_has_header(r);
    d.fields = jtl_reader_field_count(r);
    d.delimiter = jtl_reader_delimiter(r);
    d.columns = jtl_reader_columns(r);
    if (got == 0)
        render(page, &d, name);
    html_data_free(&d);
    return got == 0 ? 0 : -1;
}

int html_report_render(FILE *jtl, const char *name, const struct html_report_options *opts,
                       struct strbuf *page, struct strbuf *err)
{
    struct html_report_options defaults;
    if (!opts) {
        html_report_options_init(&defaults);
        opts = &defaults;
    }
    if (check_options(opts, err) != 0)
        return -1;
    struct jtl_read_options ro = { opts->columns, opts->delimiter };
    struct jtl_reader *r = jtl_reader_open_stream(jtl, name, &ro);
    int rc = report(r, name, opts, page, err);
    jtl_reader_close(r);
    return rc;
}

int html_report_from_jtl(const char *jtl_path, const char *out_dir,
                         const struct html_report_options *opts, struct strbuf *err)
{
    struct html_report_options defaults;
    if (!opts) {
        html_report_options_init(&defaults);
        opts = &defaults;
    }
    if (check_options(opts, err) != 0)
        return -1;
    if (html_report_check_output_dir(out_dir, opts->force, err) != 0)
        return -1;
    struct jtl_read_options ro = { opts->columns, opts->delimiter };
    struct jtl_reader *r = jtl_reader_open(jtl_path, &ro, err);
    if (!r)
        return -1;
    struct strbuf page;
    strbuf_init(&page);
    int rc = report(r, jtl_path, opts, &page, err);
    jtl_reader_close(r);
    if (rc == 0)
        rc = write_page(out_dir, &page, err);
    strbuf_free(&page);
    return rc;
}
